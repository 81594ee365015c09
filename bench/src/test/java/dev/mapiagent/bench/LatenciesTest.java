package dev.mapiagent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Latencies l = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            l.add(ms * 1_000_000L);
        }
        assertEquals(100, l.count());
        assertEquals(50.0, l.percentileMillis(50));
        assertEquals(99.0, l.percentileMillis(99));
        assertEquals(100.0, l.percentileMillis(99.9));
        assertEquals(100.0, l.maxMillis());
    }

    @Test
    void noSamplesHaveNoPercentile() {
        assertTrue(Double.isNaN(new Latencies().percentileMillis(50)));
    }
}
