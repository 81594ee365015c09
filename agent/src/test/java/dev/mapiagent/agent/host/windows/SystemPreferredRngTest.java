package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.RandomIds;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Linux twin: {@code DevUrandomTest} (the same bytes-to-id logic of {@code RandomIds} over /dev/urandom). */
@EnabledOnOs(OS.WINDOWS)
class SystemPreferredRngTest {

    /**
     * STATUS_INVALID_HANDLE, which BCryptGenRandom answers for a NULL hAlgorithm without the flag (Microsoft's
     * page lists it for an invalid hAlgorithm; Wine's bcrypt tests check the same call on Windows).
     */
    private static final int STATUS_INVALID_HANDLE = 0xC0000008;

    @Test
    void fillsSixteenBytesFromTheSystemPreferredGenerator() {
        byte[] first = new byte[16];
        byte[] second = new byte[16];

        assertTrue(new SystemPreferredRng().fill(first));
        assertTrue(new SystemPreferredRng().fill(second));

        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(new byte[16], first));
    }

    @Test
    void idsFromBcryptAreTimeOrderedUuids() {
        UUID id = new RandomIds(WindowsHost.randomSource()).next(Instant.now());

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void theBindingPassesTheFlagThatAllowsANullAlgorithmHandle() {
        byte[] bytes = new byte[16];

        assertEquals(Bcrypt.STATUS_SUCCESS,
                Bcrypt.INSTANCE.BCryptGenRandom(null, bytes, bytes.length, Bcrypt.BCRYPT_USE_SYSTEM_PREFERRED_RNG));
        assertEquals(STATUS_INVALID_HANDLE, Bcrypt.INSTANCE.BCryptGenRandom(null, bytes, bytes.length, 0));
    }
}
