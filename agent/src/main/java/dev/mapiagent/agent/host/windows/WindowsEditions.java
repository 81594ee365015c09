package dev.mapiagent.agent.host.windows;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.OSVERSIONINFOEX;
import com.sun.jna.ptr.IntByReference;
import dev.mapiagent.agent.host.WindowsEdition;
import java.util.Optional;

/** Reads the running Windows' {@link WindowsEdition}: GetVersionEx for the suite mask, GetProductInfo for the edition. */
final class WindowsEditions {

    private WindowsEditions() {
    }

    /**
     * Empty when GetVersionEx fails. GetVersionEx reports the version a program without a compatibility manifest
     * is shown (java.exe declares none, so 6.2), but the suite mask is the system's; GetProductInfo takes that
     * version, as it takes any from 6.0.
     */
    static Optional<WindowsEdition> read() {
        OSVERSIONINFOEX version = new OSVERSIONINFOEX();
        if (!Kernel32.INSTANCE.GetVersionEx(version)) {
            return Optional.empty();
        }
        IntByReference productType = new IntByReference(0);
        boolean known = ProductInfo.INSTANCE.GetProductInfo(version.getMajor(), version.getMinor(),
                version.wServicePackMajor.intValue(), version.wServicePackMinor.intValue(), productType);
        return Optional.of(new WindowsEdition(version.getSuiteMask(), known ? productType.getValue() : 0));
    }
}
