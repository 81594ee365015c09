package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Fleet-wide counts for the metrics: each one aggregate query, however many devices. */
public final class FleetCountDao {

    private final Handle handle;

    public FleetCountDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * Devices per endpoint, verdict and protocol of their latest report (one row per combination that exists).
     * Devices without a report count as verdict and protocol UNKNOWN, endpoint null.
     */
    public List<StateCount> stateCounts() {
        return handle.createQuery("""
                SELECT endpoint_host, COALESCE(verdict, 'UNKNOWN') AS v, COALESCE(protocol, 'UNKNOWN') AS p, COUNT(*) AS n
                FROM devices GROUP BY endpoint_host, COALESCE(verdict, 'UNKNOWN'), COALESCE(protocol, 'UNKNOWN')""")
                .map((rs, ctx) -> new StateCount(rs.getString("endpoint_host"), rs.getString("v"), rs.getString("p"),
                        rs.getInt("n")))
                .list();
    }

    /** Devices whose latest report has each finding code. */
    public Map<String, Integer> devicesByFinding() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        handle.createQuery("SELECT code, COUNT(*) AS n FROM device_findings GROUP BY code")
                .map((rs, ctx) -> Map.entry(rs.getString("code"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Devices not heard from (report or poll) since the cutoff. */
    public int countSilentSince(Instant cutoff) {
        return handle.createQuery("SELECT COUNT(*) FROM devices WHERE COALESCE(last_seen, enrolled_at) < :cutoff")
                .bind("cutoff", cutoff).mapTo(Integer.class).one();
    }

    /** Devices of one endpoint (null: none named) with one verdict and protocol. */
    public record StateCount(String endpoint, String verdict, String protocol, int devices) {
    }
}
