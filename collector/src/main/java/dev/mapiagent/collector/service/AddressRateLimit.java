package dev.mapiagent.collector.service;

import dev.mapiagent.collector.error.BusyException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code perMinute} requests at once, refilled at {@code perMinute} a minute.
 * Kept in memory, so with several collectors each allows as much (the limit is against one source hammering one
 * collector, not a quota).
 */
final class AddressRateLimit {

    /** Addresses remembered at most; past it, addresses whose bucket is full again are forgotten. */
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int perMinute;
    private final String what;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    AddressRateLimit(Clock clock, int perMinute, String what) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.what = what;
    }

    /** Takes one request from the address's bucket; busy, with the seconds until the next one is allowed, when empty. */
    void acquire(String address) {
        long now = clock.millis();
        if (buckets.size() > MAX_ADDRESSES) {
            buckets.values().removeIf(b -> refill(b, now).tokens() >= perMinute);
        }
        long[] waitMillis = new long[1];
        buckets.compute(address == null ? "?" : address, (a, bucket) -> {
            Bucket current = bucket == null ? new Bucket(perMinute, now) : refill(bucket, now);
            if (current.tokens() >= 1) {
                return new Bucket(current.tokens() - 1, now);
            }
            waitMillis[0] = (long) Math.ceil((1 - current.tokens()) * millisPerToken());
            return current;
        });
        if (waitMillis[0] > 0) {
            throw BusyException.tryAgainIn("too many " + what + " from this address",
                    (int) Math.max(1, (waitMillis[0] + 999) / 1000));
        }
    }

    private double millisPerToken() {
        return 60_000.0 / perMinute;
    }

    /** Requests still allowed (fractions refill over time) as of a moment. */
    private record Bucket(double tokens, long at) {
    }

    private Bucket refill(Bucket b, long now) {
        return new Bucket(Math.min(perMinute, b.tokens() + (now - b.at()) / millisPerToken()), now);
    }
}
