package dev.mapiagent.agent.collector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class TrustAnchorsTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aCollectorCaCertificateThatIsAnEndlessDeviceIsRefusedUnread() {
        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ConfigException.class, () -> TrustAnchors.pinned(Path.of("/dev/zero"))));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }
}
