package dev.mapiagent.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mapiagent.collector.error.InvalidException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitParamTest {

    @Test
    void noWaitMeansAnswerAtOnce() {
        assertEquals(Duration.ZERO, AgentRoutes.waitParam(null));
        assertEquals(Duration.ZERO, AgentRoutes.waitParam(""));
        assertEquals(Duration.ZERO, AgentRoutes.waitParam("0"));
    }

    @Test
    void aWaitIsWholeSeconds() {
        assertEquals(Duration.ofSeconds(30), AgentRoutes.waitParam("30"));
        assertEquals(Duration.ofSeconds(60), AgentRoutes.waitParam(" 60 "));
    }

    @Test
    void aWaitLongerThanSixtySecondsIsShortenedToSixty() {
        assertEquals(Duration.ofSeconds(60), AgentRoutes.waitParam("3600"));
    }

    @Test
    void garbageOrNegativeWaitsAre400() {
        for (String wait : new String[] {"soon", "-1", "1.5", "1e3"}) {
            InvalidException e = assertThrows(InvalidException.class, () -> AgentRoutes.waitParam(wait), wait);
            assertEquals(400, ErrorHandling.status(e));
        }
    }
}
