package dev.mapiagent.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** Kernel32's GetProductInfo, which JNA Platform does not map. */
public interface ProductInfo extends StdCallLibrary {

    ProductInfo INSTANCE = Native.load("Kernel32", ProductInfo.class, W32APIOptions.DEFAULT_OPTIONS);

    /**
     * {@code BOOL GetProductInfo(DWORD dwOSMajorVersion, DWORD dwOSMinorVersion, DWORD dwSpMajorVersion,
     * DWORD dwSpMinorVersion, PDWORD pdwReturnedProductType)}: the edition of the running Windows.
     */
    boolean GetProductInfo(int dwOSMajorVersion, int dwOSMinorVersion, int dwSpMajorVersion, int dwSpMinorVersion,
                           IntByReference pdwReturnedProductType);
}
