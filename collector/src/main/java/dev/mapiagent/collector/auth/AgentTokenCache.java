package dev.mapiagent.collector.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Which device an agent token hash belongs to, remembered for a short time so that not every agent call reads the
 * devices table. Only known tokens are remembered (an unknown token always asks the database).
 *
 * <p>The collector stays stateless across instances: the only fact kept is "hash H belongs to device D", which a
 * re-enrollment on this collector forgets at once ({@link #forgetDevice}). A re-enrollment on another collector
 * sharing the database is seen here within the time to live: until then the replaced token still authenticates
 * for its own device on this collector. Bounded: when full, expired entries go first, then everything.
 */
public final class AgentTokenCache {

    /** How long a lookup is trusted; also the longest a token replaced on another collector still works here. */
    public static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    public static final int MAX_ENTRIES = 10_000;

    private record Entry(String deviceId, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry> byTokenHash = new ConcurrentHashMap<>();
    /** Counts {@link #forgetDevice} calls, so a lookup racing a re-enrollment does not store the replaced token. */
    private final AtomicLong forgets = new AtomicLong();
    private final Clock clock;
    private final Duration timeToLive;
    private final int maxEntries;

    public AgentTokenCache(Clock clock) {
        this(clock, TIME_TO_LIVE, MAX_ENTRIES);
    }

    AgentTokenCache(Clock clock, Duration timeToLive, int maxEntries) {
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
    }

    /** The device of the token hash: remembered if recent, otherwise looked up (and remembered when found). */
    public Optional<String> deviceFor(String tokenHash, Function<String, Optional<String>> lookup) {
        long now = clock.millis();
        Entry cached = byTokenHash.get(tokenHash);
        if (cached != null) {
            if (cached.expiresAtMillis() > now) {
                return Optional.of(cached.deviceId());
            }
            byTokenHash.remove(tokenHash, cached);
        }
        long forgetsBefore = forgets.get();
        Optional<String> found = lookup.apply(tokenHash);
        found.ifPresent(deviceId -> remember(tokenHash, new Entry(deviceId, now + timeToLive.toMillis()), forgetsBefore));
        return found;
    }

    private void remember(String tokenHash, Entry entry, long forgetsBefore) {
        if (byTokenHash.size() >= maxEntries) {
            long now = clock.millis();
            byTokenHash.values().removeIf(e -> e.expiresAtMillis() <= now);
            if (byTokenHash.size() >= maxEntries) {
                byTokenHash.clear();
            }
        }
        byTokenHash.put(tokenHash, entry);
        if (forgets.get() != forgetsBefore) {
            // a re-enrollment happened during the lookup: what was read may be the replaced token
            byTokenHash.remove(tokenHash, entry);
        }
    }

    /** Forgets every token of the device; call after a change of its token is committed. */
    public void forgetDevice(String deviceId) {
        forgets.incrementAndGet();
        byTokenHash.values().removeIf(e -> e.deviceId().equals(deviceId));
    }

    int size() {
        return byTokenHash.size();
    }
}
