package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Stored reports: the device history. Bodies are kept as the JSON the agent sent. */
public final class ReportDao {

    private final Handle handle;

    public ReportDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * Stores each report unless its reportId is already stored (by anyone), as one batch: one statement per report
     * does both the duplicate check and the insert, and a concurrent insert of the same reportId waits for and then
     * yields to the other. Callers pass the reports in reportId order, so that transactions of several collectors
     * take these locks in one order.
     *
     * @return per report, false when its reportId was already stored
     */
    public boolean[] insertIfAbsent(List<StoredReport> reports) {
        if (reports.isEmpty()) {
            return new boolean[0];
        }
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO reports (report_id, device_id, created_at, received_at,
                verdict, protocol, finding_codes, body) VALUES (:id, :device, :createdAt, :receivedAt, :verdict,
                :protocol, :codes, :body) ON CONFLICT DO NOTHING""");
        for (StoredReport report : reports) {
            batch.bind("id", report.reportId()).bind("device", report.deviceId())
                    .bind("createdAt", report.createdAt()).bind("receivedAt", report.receivedAt())
                    .bind("verdict", report.verdict()).bind("protocol", report.protocol())
                    .bind("codes", String.join(",", report.findingCodes())).bind("body", report.body())
                    .add();
        }
        return Sql.changedOneRow(batch.execute());
    }

    public Optional<String> body(String reportId) {
        return handle.createQuery("SELECT body FROM reports WHERE report_id = :id")
                .bind("id", reportId).mapTo(String.class).findOne();
    }

    /** {@link #history}'s query (parameters: device, limit); a test reads H2's plan of it. */
    static final String HISTORY = """
            SELECT report_id, created_at, received_at, verdict, protocol, finding_codes
            FROM reports WHERE device_id = :device ORDER BY created_at DESC, received_at DESC LIMIT :limit""";

    /** The newest reports of a device first. */
    public List<ReportSummary> history(String deviceId, int limit) {
        return handle.createQuery(HISTORY)
                .bind("device", deviceId).bind("limit", limit)
                .map((rs, ctx) -> new ReportSummary(rs.getString("report_id"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "received_at"), rs.getString("verdict"), rs.getString("protocol"),
                        codes(rs.getString("finding_codes"))))
                .list();
    }

    /**
     * Deletes up to {@code limit} reports received before the cutoff, oldest first, except each device's latest and
     * the before/after reports of commands created since {@code commandsSince}; returns how many went. Running it
     * again (or on another collector at the same time) deletes only what is still there, so batches are idempotent.
     */
    public int purgeBatch(Instant cutoff, Instant commandsSince, int limit) {
        return handle.createUpdate("""
                DELETE FROM reports WHERE report_id IN (
                  SELECT r.report_id FROM reports r WHERE r.received_at < :cutoff
                  AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.device_id = r.device_id AND d.latest_report_id = r.report_id)
                  AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.before_report_id = r.report_id
                                  AND c.created_at >= :commandsSince)
                  AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.after_report_id = r.report_id
                                  AND c.created_at >= :commandsSince)
                  ORDER BY r.received_at LIMIT :limit)""")
                .bind("cutoff", cutoff).bind("commandsSince", commandsSince).bind("limit", limit).execute();
    }

    private static List<String> codes(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** A report row as stored. */
    public record StoredReport(String reportId, String deviceId, Instant createdAt, Instant receivedAt, String verdict,
                               String protocol, List<String> findingCodes, String body) {
    }
}
