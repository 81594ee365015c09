package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.DeviceDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * How far each device's clock is off the collector's, measured from what the agent says the time is when it sends
 * (its HTTP {@code Date} header, or a report created in the collector's future). A device off by more than the
 * configured skew is flagged in its detail: its times (report creation, finding onsets) cannot be taken at face value.
 */
public final class ClockSkewService {

    /** A measurement is written only when it moved this much from the last one written (most requests write nothing). */
    static final long RECORD_CHANGE_SECONDS = 5;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration maxSkew;
    private final Map<String, Long> recorded = new ConcurrentHashMap<>();

    public ClockSkewService(Jdbi jdbi, Clock clock, Duration maxSkew) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /**
     * Records the device clock's offset from what a request shows: the time the agent sent it (its {@code Date}
     * header), else the report's creation time when that lies in the collector's future (a time in the past may just
     * be a report that waited in the spool). Either may be null.
     */
    public void observe(String deviceId, Instant sentAt, Instant reportCreatedAt) {
        Instant now = clock.instant();
        Instant deviceTime = sentAt != null ? sentAt
                : reportCreatedAt != null && reportCreatedAt.isAfter(now) ? reportCreatedAt : null;
        if (deviceTime == null) {
            return;
        }
        long skew = Duration.between(now, deviceTime).toSeconds();
        Long last = recorded.get(deviceId);
        if (last != null && Math.abs(last - skew) < RECORD_CHANGE_SECONDS) {
            return;
        }
        jdbi.useHandle(h -> new DeviceDao(h).setClockSkew(deviceId, skew));
        recorded.put(deviceId, skew);
    }

    /** The device clock's offset in seconds (positive: ahead) when it exceeds the allowed skew, else null. */
    public Long flagged(String deviceId) {
        Long skew = jdbi.withHandle(h -> new DeviceDao(h).clockSkew(deviceId));
        return skew != null && Math.abs(skew) > maxSkew.toSeconds() ? skew : null;
    }
}
