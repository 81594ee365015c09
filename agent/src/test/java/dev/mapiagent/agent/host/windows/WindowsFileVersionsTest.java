package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** version.dll on a real Windows; {@link FixedFileVersionTest} is its twin on every OS. */
@EnabledOnOs(OS.WINDOWS)
class WindowsFileVersionsTest {

    private final WindowsFileVersions versions = new WindowsFileVersions();

    @Test
    void readsTheFileVersionOfASystemDll() {
        String kernel32 = System.getenv("SystemRoot") + "\\System32\\kernel32.dll";

        String version = versions.fileVersion(kernel32).orElseThrow();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), version);
    }

    @Test
    void aMissingFileHasNoVersion() {
        assertEquals(Optional.empty(), versions.fileVersion("C:\\no\\such\\folder\\OUTLOOK.EXE"));
    }
}
