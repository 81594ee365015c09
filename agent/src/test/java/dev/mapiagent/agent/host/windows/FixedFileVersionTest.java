package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.platform.win32.VerRsrc.VS_FIXEDFILEINFO;
import com.sun.jna.platform.win32.WinDef.DWORD;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Linux twin of {@link WindowsFileVersionsTest}: the VS_FIXEDFILEINFO layout of verrsrc.h (13 DWORDs,
 * 52 bytes, dwFileVersionMS at offset 8) and the decoding of a block as VerQueryValueW returns it.
 */
class FixedFileVersionTest {

    @Test
    void vsFixedFileInfoHasTheSizeOfVerrsrcLayout() {
        assertEquals(52, new VS_FIXEDFILEINFO().size());
    }

    @Test
    void fileVersionMsAndLsFollowSignatureAndStrucVersion() {
        VS_FIXEDFILEINFO info = new VS_FIXEDFILEINFO();
        info.dwFileVersionMS = new DWORD(0x000E0000L);
        info.dwFileVersionLS = new DWORD(0x1BEB1388L);
        info.write();

        assertEquals(0x000E0000, info.getPointer().getInt(8));
        assertEquals(0x1BEB1388, info.getPointer().getInt(12));
    }

    /** OUTLOOK.EXE of Outlook 2010 with the April 2015 updates: 14.0.7147.5000 (0x000E0000, 0x1BEB1388). */
    @Test
    void decodesABlockWrittenAsWindowsWritesIt() {
        VS_FIXEDFILEINFO written = new VS_FIXEDFILEINFO();
        written.dwSignature = new DWORD(0xFEEF04BDL);
        written.dwFileVersionMS = new DWORD((14L << 16) | 0);
        written.dwFileVersionLS = new DWORD((7147L << 16) | 5000);
        written.write();

        VS_FIXEDFILEINFO read = new VS_FIXEDFILEINFO(written.getPointer());
        assertEquals(Optional.of("14.0.7147.5000"), FixedFileVersion.of(read.dwSignature.intValue(),
                read.dwFileVersionMS.intValue(), read.dwFileVersionLS.intValue()));
    }

    @Test
    void readsParts16BitsWideWithoutSign() {
        assertEquals(Optional.of("16.0.65535.20000"), FixedFileVersion.of(FixedFileVersion.SIGNATURE, 16 << 16,
                (0xFFFF << 16) | 20000));
    }

    @Test
    void aBlockWithoutTheSignatureHasNoVersion() {
        assertEquals(Optional.empty(), FixedFileVersion.of(0, 14 << 16, 7147 << 16));
    }
}
