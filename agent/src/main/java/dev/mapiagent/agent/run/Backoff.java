package dev.mapiagent.agent.run;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} (0-based) is uniform in
 * {@code [0, min(cap, base * 2^n)]}, so that agents which failed together do not retry together.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final Jitter jitter;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.jitter = new Jitter(random);
    }

    /** The upper bound of the wait before retry {@code attempt}. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0: " + attempt);
        }
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        if (attempt >= 62 || baseMillis > (capMillis >> attempt)) {
            return cap;
        }
        return Duration.ofMillis(Math.min(capMillis, baseMillis << attempt));
    }

    public Duration delay(int attempt) {
        return jitter.upTo(ceiling(attempt));
    }
}
