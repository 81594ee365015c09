package dev.mapiagent.agent.host.windows;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.VerRsrc.VS_FIXEDFILEINFO;
import com.sun.jna.platform.win32.Version;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiagent.agent.host.FileVersions;
import java.util.Optional;

/**
 * Version resources through version.dll: {@code GetFileVersionInfoSizeW}, {@code GetFileVersionInfoW},
 * then {@code VerQueryValueW(block, "\\")} for the root {@code VS_FIXEDFILEINFO}. JNA Platform's
 * {@link Version} maps the undecorated names to the W functions.
 */
final class WindowsFileVersions implements FileVersions {

    @Override
    public Optional<String> fileVersion(String windowsPath) {
        IntByReference ignored = new IntByReference();
        int size = Version.INSTANCE.GetFileVersionInfoSize(windowsPath, ignored);
        if (size == 0) {
            // no such file, or a file without a version resource (GetLastError says which; both mean "unknown")
            return Optional.empty();
        }
        Memory block = new Memory(size);
        if (!Version.INSTANCE.GetFileVersionInfo(windowsPath, 0, size, block)) {
            return Optional.empty();
        }
        PointerByReference fixed = new PointerByReference();
        IntByReference length = new IntByReference();
        if (!Version.INSTANCE.VerQueryValue(block, "\\", fixed, length)
                || length.getValue() < new VS_FIXEDFILEINFO().size()) {
            return Optional.empty();
        }
        VS_FIXEDFILEINFO info = new VS_FIXEDFILEINFO(fixed.getValue());
        return FixedFileVersion.of(info.dwSignature.intValue(), info.dwFileVersionMS.intValue(),
                info.dwFileVersionLS.intValue());
    }
}
