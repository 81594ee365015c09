package dev.mapiagent.agent.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStampTest {

    private static final ArchiveStamp STAMP = new ArchiveStamp("C:\\Java\\jdk-17", "17.0.15+6", List.of("-Xmx32m"),
            "mapi-agent.jar", 8_909_654, 1_795_630_724_933L, true);

    @Test
    void theOutcomeIsNotAnInput() {
        assertTrue(STAMP.sameInputs(STAMP.withDumped(false)));
    }

    @Test
    void anInPlaceJavaUpdateIsANewInput() {
        assertFalse(STAMP.sameInputs(new ArchiveStamp("C:\\Java\\jdk-17", "17.0.16+8", List.of("-Xmx32m"),
                "mapi-agent.jar", 8_909_654, 1_795_630_724_933L, true)));
    }

    @Test
    void changedLauncherOptionsAreANewInput() {
        assertFalse(STAMP.sameInputs(new ArchiveStamp("C:\\Java\\jdk-17", "17.0.15+6", List.of("-Xmx64m"),
                "mapi-agent.jar", 8_909_654, 1_795_630_724_933L, true)));
    }

    @Test
    void readsSizeAndTimeOfTheClassPathFiles(@TempDir Path temp) throws Exception {
        Path jar = Files.write(temp.resolve("mapi-agent.jar"), new byte[1234]);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_795_630_724_000L));
        StartupArchive archive = new StartupArchive(temp.resolve("a.jsa"), temp.resolve("java"), List.of("-Xmx32m"),
                jar.toString(), "Main");

        ArchiveStamp stamp = ArchiveStamp.of(archive, "/jdk", "17.0.15+6");

        assertEquals(1234, stamp.jarSize());
        assertEquals(1_795_630_724_000L, stamp.jarModified());
        assertEquals(List.of("-Xmx32m"), stamp.jvmOptions());
        assertFalse(stamp.dumped());
    }
}
