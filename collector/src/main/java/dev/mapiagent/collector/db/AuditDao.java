package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The audit log: appended in the same transaction as the change it records. */
public final class AuditDao {

    private static final int MAX_DETAIL = 2000;

    private final Handle handle;

    public AuditDao(Handle handle) {
        this.handle = handle;
    }

    /** How the audit log names a device acting through its agent. */
    public static String deviceActor(String deviceId) {
        return "device:" + deviceId;
    }

    public void append(Instant at, String actor, String action, String deviceId, String detail) {
        String clipped = detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        handle.createUpdate("""
                INSERT INTO audit_log (at, actor, action, device_id, detail)
                VALUES (:at, :actor, :action, :device, :detail)""")
                .bind("at", at).bind("actor", actor).bind("action", action).bind("device", deviceId)
                .bind("detail", clipped)
                .execute();
    }

    /** The newest entries first, optionally of one device only. */
    public List<AuditEntry> recent(String deviceId, int limit) {
        String where = deviceId == null ? "" : " WHERE device_id = :device";
        Query query = handle.createQuery("SELECT id, at, actor, action, device_id, detail FROM audit_log" + where
                + " ORDER BY at DESC, id DESC LIMIT :limit").bind("limit", limit);
        if (deviceId != null) {
            query.bind("device", deviceId);
        }
        return query.map((rs, ctx) -> new AuditEntry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor"),
                rs.getString("action"), rs.getString("device_id"), rs.getString("detail"))).list();
    }

    /** Deletes up to {@code batch} of the oldest entries written before the cutoff; returns how many. */
    public int purgeBefore(Instant cutoff, int batch) {
        return handle.createUpdate("""
                DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < :cutoff ORDER BY id LIMIT :batch)""")
                .bind("cutoff", cutoff).bind("batch", batch).execute();
    }
}
