package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Fleet-wide counts of the devices' latest states, for the overview, the history and the metrics. */
public final class FleetDao {

    private final Handle handle;

    public FleetDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * Devices per endpoint, verdict and protocol of their latest report (one row per combination that exists, a
     * few dozen in a real fleet). Devices without a report count as verdict and protocol UNKNOWN, endpoint null.
     */
    public List<StateCount> stateCounts() {
        return handle.createQuery("""
                SELECT endpoint_host, COALESCE(verdict, 'UNKNOWN') AS v, COALESCE(protocol, 'UNKNOWN') AS p, COUNT(*) AS n,
                SUM(CASE WHEN latest_report_id IS NULL THEN 0 ELSE 1 END) AS reported
                FROM devices GROUP BY endpoint_host, COALESCE(verdict, 'UNKNOWN'), COALESCE(protocol, 'UNKNOWN')""")
                .map((rs, ctx) -> new StateCount(rs.getString("endpoint_host"), rs.getString("v"), rs.getString("p"),
                        rs.getInt("n"), rs.getInt("reported")))
                .list();
    }

    /** How many devices have not been heard from since the cutoff. */
    public int countSilentSince(Instant cutoff) {
        return handle.createQuery("SELECT COUNT(*) FROM devices WHERE last_seen < :cutoff")
                .bind("cutoff", cutoff).mapTo(Integer.class).one();
    }

    /** How many devices have sent nothing, report or poll, since the cutoff, counting one never heard from since its enrolment. */
    public int countUnheardSince(Instant cutoff) {
        return handle.createQuery("SELECT COUNT(*) FROM devices WHERE COALESCE(last_seen, enrolled_at) < :cutoff")
                .bind("cutoff", cutoff).mapTo(Integer.class).one();
    }

    /** Devices whose latest report has each finding code. */
    public Map<String, Integer> devicesByFinding() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        handle.createQuery("SELECT code, COUNT(*) AS n FROM device_findings GROUP BY code")
                .map((rs, ctx) -> Map.entry(rs.getString("code"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The devices silent longest, up to the limit. */
    public List<SilentDevice> silentSince(Instant cutoff, int limit) {
        return handle.createQuery("""
                SELECT device_id, hostname, last_seen FROM devices WHERE last_seen < :cutoff
                ORDER BY last_seen, device_id LIMIT :limit""")
                .bind("cutoff", cutoff).bind("limit", limit)
                .map((rs, ctx) -> new SilentDevice(rs.getString("device_id"), rs.getString("hostname"),
                        Sql.instant(rs, "last_seen")))
                .list();
    }

    /**
     * Devices of one endpoint (null: none named) with one verdict and protocol; {@code reported} of them have sent a
     * report (the others are enrolled only).
     */
    public record StateCount(String endpoint, String verdict, String protocol, int devices, int reported) {
    }

    /** A device that stopped reporting. */
    public record SilentDevice(String deviceId, String hostname, Instant lastSeen) {
    }
}
