package dev.mapiagent.agent.collector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.BadInputException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class TrustAnchorsTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aCollectorCaCertificateThatIsAnEndlessDeviceIsRefusedUnread() {
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(BadInputException.class, () -> TrustAnchors.pinned(Path.of("/dev/zero"))));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }
}
