package dev.mapiagent.agent.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    @Test
    void whileTheCollectorAnswersTheWaitIsTheIntervalWithTwentyPercentJitter() {
        PollSchedule schedule = new PollSchedule(Duration.ofSeconds(300), new SplittableRandom(1));
        for (int i = 0; i < 1000; i++) {
            long s = schedule.next(true).toSeconds();
            assertTrue(s >= 240 && s <= 360, s + " s");
        }
    }

    @Test
    void afterFailuresTheWaitBacksOffWithinTheGrowingCeiling() {
        PollSchedule schedule = new PollSchedule(Duration.ofSeconds(300), new SplittableRandom(1));

        assertTrue(schedule.next(false).compareTo(PollSchedule.RETRY_BASE) <= 0);
        assertTrue(schedule.next(false).compareTo(PollSchedule.RETRY_BASE.multipliedBy(2)) <= 0);
        for (int i = 0; i < 100; i++) {
            assertTrue(schedule.next(false).compareTo(PollSchedule.RETRY_CAP) <= 0);
        }
        long s = schedule.next(true).toSeconds();
        assertTrue(s >= 240 && s <= 360, "success resets the backoff: " + s);
    }
}
