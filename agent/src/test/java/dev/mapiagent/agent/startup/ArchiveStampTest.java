package dev.mapiagent.agent.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStampTest {

    private static final ArchiveStamp STAMP = new ArchiveStamp("C:\\Java\\jdk-17", "17.0.15+6", List.of("-Xmx32m"),
            "mapi-agent.jar", 8_909_654, 1_795_630_724_933L, 0);

    @Test
    void theRuntimeInsideTheMsiIsAnotherJavaSoItsArchiveIsMadeAgain() {
        ArchiveStamp bundled = new ArchiveStamp("C:\\Program Files\\mapi-agent\\runtime", "17.0.15+6", List.of("-Xmx32m"),
                "mapi-agent.jar", 8_909_654, 1_795_630_724_933L, 0);

        assertFalse(STAMP.sameInputs(bundled));
    }

    @Test
    void failedAttemptsAreNotAnInput() {
        assertTrue(STAMP.sameInputs(STAMP.failedAgainAfter(Optional.empty())));
    }

    @Test
    void countsFailedAttemptsOfTheSameInputs() {
        ArchiveStamp once = STAMP.failedAgainAfter(Optional.empty());

        assertEquals(2, STAMP.failedAgainAfter(Optional.of(once)).failedAttempts());
    }

    @Test
    void startsCountingAgainWhenTheInputsChanged() {
        ArchiveStamp otherJava = new ArchiveStamp("C:\\Java\\jdk-17", "17.0.16+8", List.of("-Xmx32m"), "mapi-agent.jar",
                8_909_654, 1_795_630_724_933L, 2);

        assertEquals(1, STAMP.failedAgainAfter(Optional.of(otherJava)).failedAttempts());
    }

    @Test
    void anInPlaceJavaUpdateIsANewInput() {
        assertFalse(STAMP.sameInputs(new ArchiveStamp("C:\\Java\\jdk-17", "17.0.16+8", List.of("-Xmx32m"),
                "mapi-agent.jar", 8_909_654, 1_795_630_724_933L, 0)));
    }

    @Test
    void changedLauncherOptionsAreANewInput() {
        assertFalse(STAMP.sameInputs(new ArchiveStamp("C:\\Java\\jdk-17", "17.0.15+6", List.of("-Xmx64m"),
                "mapi-agent.jar", 8_909_654, 1_795_630_724_933L, 0)));
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
        assertEquals(0, stamp.failedAttempts());
    }
}
