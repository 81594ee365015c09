package dev.mapiagent.agent.run;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the resident agent wakes next: the policy interval with ±20 % jitter while the collector answers;
 * after failures, exponential backoff with full jitter, capped so that a long outage is retried at least
 * hourly but never more often than the backoff allows.
 */
public final class PollSchedule {

    static final Duration RETRY_BASE = Duration.ofSeconds(30);
    static final Duration RETRY_CAP = Duration.ofHours(1);

    private final Duration interval;
    private final Backoff backoff;
    private final Jitter jitter;
    private int failures;

    public PollSchedule(Duration interval, RandomGenerator random) {
        this.interval = interval;
        this.jitter = new Jitter(random);
        this.backoff = new Backoff(RETRY_BASE, RETRY_CAP, random);
    }

    /** Records how the last cycle went and says how long to sleep before the next. */
    public Duration next(boolean collectorTookEverything) {
        if (collectorTookEverything) {
            failures = 0;
            return jitter.aroundInterval(interval);
        }
        return backoff.delay(Math.min(failures++, 30));
    }
}
