package dev.mapiagent.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(42));

    @Test
    void ceilingDoublesFromTheBaseUntilTheCap() {
        assertEquals(Duration.ofSeconds(1), backoff.ceiling(0));
        assertEquals(Duration.ofSeconds(2), backoff.ceiling(1));
        assertEquals(Duration.ofSeconds(32), backoff.ceiling(5));
        assertEquals(Duration.ofSeconds(60), backoff.ceiling(6));
        assertEquals(Duration.ofSeconds(60), backoff.ceiling(1000));
    }

    @Test
    void everyDelayLiesWithinZeroAndTheCeiling() {
        for (int attempt = 0; attempt < 12; attempt++) {
            for (int i = 0; i < 500; i++) {
                Duration d = backoff.delay(attempt);
                assertTrue(!d.isNegative() && d.compareTo(backoff.ceiling(attempt)) <= 0, attempt + ": " + d);
            }
        }
    }

    @Test
    void delaysAreSpreadOverTheWholeRangeNotClustered() {
        long below = 0;
        long above = 0;
        for (int i = 0; i < 2000; i++) {
            long ms = backoff.delay(10).toMillis();
            below += ms < 15_000 ? 1 : 0;
            above += ms > 45_000 ? 1 : 0;
        }
        assertTrue(below > 350 && above > 350, "below " + below + ", above " + above);
    }

    @Test
    void capBelowBaseIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1), new SplittableRandom()));
    }
}
