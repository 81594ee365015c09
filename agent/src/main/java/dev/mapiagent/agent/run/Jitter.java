package dev.mapiagent.agent.run;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** The agent's random waits, so that agents that logged on or failed together do not come back together. */
public final class Jitter {

    private final RandomGenerator random;

    public Jitter(RandomGenerator random) {
        this.random = random;
    }

    /** Uniform in [0, max], to the millisecond: the start delay after logon and a backoff's full jitter. */
    public Duration upTo(Duration max) {
        return max.isZero() ? Duration.ZERO : Duration.ofMillis(random.nextLong(max.toMillis() + 1));
    }

    /** Uniform in 80-120 % of the interval, to the millisecond: the pause between polls while the collector answers. */
    public Duration aroundInterval(Duration interval) {
        long millis = interval.toMillis();
        return Duration.ofMillis(millis * 4 / 5 + random.nextLong(millis * 2 / 5 + 1));
    }

    /** Uniform in 70-100 % of the wait, to the second: how long a long-poll asks the collector to hold. */
    public Duration shortOf(Duration wait) {
        long seconds = wait.toSeconds();
        return Duration.ofSeconds(seconds * 7 / 10 + random.nextLong(seconds * 3 / 10 + 1));
    }
}
