package dev.mapiagent.collector.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mapiagent.collector.db.FleetDao;
import dev.mapiagent.collector.db.FleetHistoryDao;
import dev.mapiagent.collector.db.Sql;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A small time series of the fleet: devices per verdict and protocol, per endpoint, at the end of each hour (kept 14
 * days) and each day (kept 400 days). {@link #record} runs every few minutes; each run replaces the current hour's
 * and day's counts, so a bucket keeps the last state seen in it.
 */
public final class FleetHistoryService {

    /** The two resolutions and how long each is kept. */
    public enum Interval {
        HOUR(ChronoUnit.HOURS, Duration.ofDays(14)),
        DAY(ChronoUnit.DAYS, Duration.ofDays(400));

        private final ChronoUnit unit;
        private final Duration kept;

        Interval(ChronoUnit unit, Duration kept) {
            this.unit = unit;
            this.kept = kept;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The interval a parameter names (hour when blank); invalid input otherwise. */
        public static Interval parse(String value) {
            return value == null || value.isBlank() ? HOUR : valueOf(DeviceQuery.enumName(value, "interval", values()));
        }
    }

    /**
     * One point of the series.
     *
     * @param endpoint the endpoint, when the series is one endpoint's; absent for the whole fleet
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(Instant at, String endpoint, Map<String, Integer> verdicts, Map<String, Integer> protocols) {
    }

    /** {@code GET /api/v1/fleet/history}. */
    public record History(String interval, List<Point> points) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public FleetHistoryService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Writes the current counts into this hour's and this day's buckets and drops buckets past their keeping time.
     * Collectors sharing a database may record the same bucket at once: the one that loses the race leaves it to the
     * other (the counts are the same).
     */
    public void record() {
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(h -> {
                List<FleetDao.StateCount> counts = new FleetDao(h).stateCounts();
                FleetHistoryDao history = new FleetHistoryDao(h);
                for (Interval interval : Interval.values()) {
                    history.replace(interval.id(), now.truncatedTo(interval.unit), counts);
                    history.purgeBefore(interval.id(), now.minus(interval.kept));
                }
            });
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** The fleet's points (summed over endpoints), or one endpoint's ('' for devices whose reports named none). */
    public History history(Interval interval, String endpoint) {
        List<FleetHistoryDao.Row> rows = jdbi.withHandle(h ->
                new FleetHistoryDao(h).since(interval.id(), clock.instant().minus(interval.kept), endpoint));
        Map<Instant, Point> points = new LinkedHashMap<>();
        for (FleetHistoryDao.Row row : rows) {
            Point point = points.computeIfAbsent(row.at(), at -> new Point(at, endpoint,
                    Counts.zeros(Verdict.values()), Counts.zeros(MapiProtocol.values())));
            point.verdicts().merge(row.verdict(), row.devices(), Integer::sum);
            point.protocols().merge(row.protocol(), row.devices(), Integer::sum);
        }
        return new History(interval.id(), List.copyOf(points.values()));
    }
}
