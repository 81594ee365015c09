package dev.mapiagent.collector.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AgentTokenCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final AgentTokenCache cache = new AgentTokenCache(clock, Duration.ofSeconds(30), 3);
    private final AtomicInteger lookups = new AtomicInteger();

    private Function<String, Optional<String>> database(String deviceId) {
        return hash -> {
            lookups.incrementAndGet();
            return Optional.ofNullable(deviceId);
        };
    }

    @Test
    void answersAKnownTokenFromMemoryWithinTheTimeToLive() {
        assertEquals(Optional.of("PC-1"), cache.deviceFor("h1", database("PC-1")));
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Optional.of("PC-1"), cache.deviceFor("h1", database("PC-1")));
        assertEquals(1, lookups.get());
    }

    @Test
    void asksTheDatabaseAgainAfterTheTimeToLive() {
        cache.deviceFor("h1", database("PC-1"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), cache.deviceFor("h1", database(null)));
        assertEquals(2, lookups.get());
    }

    @Test
    void neverRemembersAnUnknownToken() {
        cache.deviceFor("bad", database(null));
        cache.deviceFor("bad", database(null));
        assertEquals(2, lookups.get());
        assertEquals(0, cache.size());
    }

    @Test
    void forgettingADeviceMakesItsTokenBeLookedUpAgain() {
        cache.deviceFor("old", database("PC-1"));
        cache.deviceFor("other", database("PC-2"));
        cache.forgetDevice("PC-1");
        assertEquals(Optional.empty(), cache.deviceFor("old", database(null)));
        assertEquals(Optional.of("PC-2"), cache.deviceFor("other", database("PC-2")));
        assertEquals(3, lookups.get());
    }

    @Test
    void doesNotRememberALookupThatRacedAReenrollment() {
        cache.deviceFor("old", hash -> {
            cache.forgetDevice("PC-1");
            return Optional.of("PC-1");
        });
        assertEquals(0, cache.size());
    }

    @Test
    void staysWithinItsBound() {
        for (int i = 0; i < 10; i++) {
            cache.deviceFor("h" + i, database("PC-" + i));
            assertTrue(cache.size() <= 3, "size " + cache.size());
        }
    }
}
