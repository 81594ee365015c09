package dev.mapiagent.agent.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The Unix source; its Windows twin is {@code SystemPreferredRngTest}. */
class DevUrandomTest {

    @TempDir
    Path temp;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void fillsSixteenBytesFromTheKernel() {
        byte[] first = new byte[16];
        byte[] second = new byte[16];

        assertTrue(DevUrandom.SYSTEM.fill(first));
        assertTrue(DevUrandom.SYSTEM.fill(second));

        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(new byte[16], first));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void idsFromTheKernelAreTimeOrderedUuids() {
        UUID id = new RandomIds(DevUrandom.SYSTEM).next(Instant.now());

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void readsExactlyTheBytesAskedFor() throws IOException {
        byte[] content = new byte[64];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i + 1);
        }
        Path file = Files.write(temp.resolve("random"), content);
        byte[] bytes = new byte[16];

        assertTrue(new DevUrandom(file.toFile()).fill(bytes));

        assertArrayEquals(Arrays.copyOf(content, 16), bytes);
    }

    @Test
    void aSourceThatEndsEarlyFillsNothing() throws IOException {
        Path file = Files.write(temp.resolve("short"), new byte[10]);

        assertFalse(new DevUrandom(file.toFile()).fill(new byte[16]));
    }

    @Test
    void aMissingSourceFillsNothing() {
        assertFalse(new DevUrandom(new File(temp.toFile(), "absent")).fill(new byte[16]));
    }
}
