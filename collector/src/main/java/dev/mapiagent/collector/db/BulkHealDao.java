package dev.mapiagent.collector.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Bulk heals (table bulk_heals) and the devices each covers (bulk_heal_items). Every state change of an item is a
 * conditional UPDATE on its expected state, so a cancel and a start racing on one device, or two collectors, cannot
 * both win.
 */
public final class BulkHealDao {

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String CANCELLED = "cancelled";

    public static final String PENDING = "pending";
    public static final String STARTED = "started";
    public static final String SKIPPED = "skipped";
    public static final String CANCELLED_BEFORE_START = "cancelled-before-start";

    private static final String COLUMNS = """
            bulk_id, created_by, created_at, filter, actions, per_minute, devices, state, finished_at, cancelled_by""";

    /** An item's outcome: its own state until it started, then its heal command's status. */
    private static final String OUTCOME = "CASE WHEN i.state = 'started' THEN c.status ELSE i.state END";

    private final Handle handle;

    public BulkHealDao(Handle handle) {
        this.handle = handle;
    }

    /** A bulk heal as stored; {@code filter} is JSON, {@code actions} comma-separated action ids. */
    public record StoredBulkHeal(String bulkId, String createdBy, Instant createdAt, String filter, String actions,
                                 int perMinute, int devices, String state, Instant finishedAt, String cancelledBy) {
    }

    /** One device of a bulk heal: its outcome (see {@link #OUTCOME}) and why, when it was skipped or answered. */
    public record Item(String deviceId, String hostname, String outcome, String commandId, Instant startedAt,
                       String reason) {
    }

    /** Inserts a running bulk heal with no devices yet; {@link #addDevices} adds them. */
    public void insert(String bulkId, String createdBy, Instant createdAt, String filterJson, String actions, int perMinute) {
        handle.createUpdate("""
                INSERT INTO bulk_heals (bulk_id, created_by, created_at, filter, actions, per_minute, devices, state)
                VALUES (:id, :by, :at, :filter, :actions, :perMinute, 0, 'running')""")
                .bind("id", bulkId).bind("by", createdBy).bind("at", createdAt).bind("filter", filterJson)
                .bind("actions", actions).bind("perMinute", perMinute).execute();
    }

    /** Adds every device the filter matches now, not started yet; returns how many. */
    public int addDevices(String bulkId, DeviceFilter filter) {
        DeviceDao.Where where = DeviceDao.where(filter, Sql.isPostgres(handle));
        Update insert = handle.createUpdate("INSERT INTO bulk_heal_items (bulk_id, device_id, state) "
                + "SELECT :bulkId, device_id, 'pending' FROM devices" + where.sql());
        where.bindings().forEach(insert::bind);
        int added = insert.bind("bulkId", bulkId).execute();
        handle.createUpdate("UPDATE bulk_heals SET devices = :n WHERE bulk_id = :id")
                .bind("n", added).bind("id", bulkId).execute();
        return added;
    }

    public Optional<StoredBulkHeal> find(String bulkId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM bulk_heals WHERE bulk_id = :id")
                .bind("id", bulkId).map((rs, ctx) -> stored(rs)).findOne();
    }

    /** The newest bulk heals first. */
    public List<StoredBulkHeal> recent(int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM bulk_heals ORDER BY created_at DESC, bulk_id LIMIT :limit")
                .bind("limit", limit).map((rs, ctx) -> stored(rs)).list();
    }

    /** Running bulk heals, oldest first (the first asked is served first). */
    public List<StoredBulkHeal> running() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM bulk_heals WHERE state = 'running' ORDER BY created_at, bulk_id")
                .map((rs, ctx) -> stored(rs)).list();
    }

    /** How many of the bulk's devices were started (queued or skipped) after the instant. */
    public int startedSince(String bulkId, Instant since) {
        return handle.createQuery("SELECT COUNT(*) FROM bulk_heal_items WHERE bulk_id = :id AND started_at > :since")
                .bind("id", bulkId).bind("since", since).mapTo(Integer.class).one();
    }

    /** Up to {@code limit} devices of the bulk not started yet, in device id order. */
    public List<String> pending(String bulkId, int limit) {
        return handle.createQuery("""
                SELECT device_id FROM bulk_heal_items WHERE bulk_id = :id AND state = 'pending'
                ORDER BY device_id LIMIT :limit""")
                .bind("id", bulkId).bind("limit", limit).mapTo(String.class).list();
    }

    /** Marks a pending device started with its heal command; false when it was no longer pending. */
    public boolean markStarted(String bulkId, String deviceId, String commandId, Instant now) {
        return handle.createUpdate("""
                UPDATE bulk_heal_items SET state = 'started', command_id = :command, started_at = :now
                WHERE bulk_id = :id AND device_id = :device AND state = 'pending'""")
                .bind("command", commandId).bind("now", now).bind("id", bulkId).bind("device", deviceId)
                .execute() == 1;
    }

    /** Marks a pending device skipped with the reason; false when it was no longer pending. */
    public boolean markSkipped(String bulkId, String deviceId, String reason, Instant now) {
        return handle.createUpdate("""
                UPDATE bulk_heal_items SET state = 'skipped', reason = :reason, started_at = :now
                WHERE bulk_id = :id AND device_id = :device AND state = 'pending'""")
                .bind("reason", reason).bind("now", now).bind("id", bulkId).bind("device", deviceId)
                .execute() == 1;
    }

    /** Moves a running bulk heal to finished or cancelled; false when it was no longer running. */
    public boolean end(String bulkId, String state, String cancelledBy, Instant now) {
        return handle.createUpdate("""
                UPDATE bulk_heals SET state = :state, finished_at = :now, cancelled_by = :by
                WHERE bulk_id = :id AND state = 'running'""")
                .bind("state", state).bind("now", now).bind("by", cancelledBy).bind("id", bulkId).execute() == 1;
    }

    /**
     * Deletes up to {@code limit} rows of bulk heals that ended (finished or cancelled) before the cutoff: first the
     * per-device rows of the oldest such bulk heal, and once a bulk heal has none left, the bulk heal itself. A
     * running bulk heal is never touched, however old. Returns how many rows went (devices and bulk heals);
     * idempotent like the other purges, so a batch run twice or on two collectors deletes only what is still there.
     */
    public int purgeBatch(Instant cutoff, int limit) {
        int deleted = 0;
        while (deleted < limit) {
            Optional<String> oldest = handle.createQuery("""
                    SELECT b.bulk_id FROM bulk_heals b WHERE b.state <> 'running' AND b.finished_at < :cutoff
                    AND EXISTS (SELECT 1 FROM bulk_heal_items i WHERE i.bulk_id = b.bulk_id)
                    ORDER BY b.finished_at, b.bulk_id LIMIT 1""")
                    .bind("cutoff", cutoff).mapTo(String.class).findOne();
            if (oldest.isEmpty()) {
                return deleted + handle.createUpdate("""
                        DELETE FROM bulk_heals WHERE bulk_id IN (
                          SELECT b.bulk_id FROM bulk_heals b WHERE b.state <> 'running' AND b.finished_at < :cutoff
                          AND NOT EXISTS (SELECT 1 FROM bulk_heal_items i WHERE i.bulk_id = b.bulk_id)
                          ORDER BY b.finished_at, b.bulk_id LIMIT :limit)""")
                        .bind("cutoff", cutoff).bind("limit", limit - deleted).execute();
            }
            deleted += handle.createUpdate("""
                    DELETE FROM bulk_heal_items WHERE bulk_id = :id AND device_id IN (
                      SELECT device_id FROM bulk_heal_items WHERE bulk_id = :id ORDER BY device_id LIMIT :limit)""")
                    .bind("id", oldest.get()).bind("limit", limit - deleted).execute();
        }
        return deleted;
    }

    /** Cancels the bulk's devices not started yet; returns how many. */
    public int cancelPending(String bulkId) {
        return handle.createUpdate("UPDATE bulk_heal_items SET state = 'cancelled-before-start' "
                        + "WHERE bulk_id = :id AND state = 'pending'")
                .bind("id", bulkId).execute();
    }

    /** How many devices of the bulk have each outcome. */
    public Map<String, Integer> outcomeCounts(String bulkId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        handle.createQuery("SELECT outcome, COUNT(*) AS n FROM (SELECT " + OUTCOME + " AS outcome"
                        + " FROM bulk_heal_items i LEFT JOIN commands c ON c.command_id = i.command_id"
                        + " WHERE i.bulk_id = :id) o GROUP BY outcome ORDER BY outcome")
                .bind("id", bulkId)
                .map((rs, ctx) -> Map.entry(rs.getString("outcome"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** A page of the bulk's devices in device id order. */
    public List<Item> items(String bulkId, int limit, int offset) {
        return handle.createQuery("SELECT i.device_id, d.hostname, " + OUTCOME + " AS outcome, i.command_id,"
                        + " i.started_at, COALESCE(c.message, i.reason) AS reason"
                        + " FROM bulk_heal_items i LEFT JOIN commands c ON c.command_id = i.command_id"
                        + " LEFT JOIN devices d ON d.device_id = i.device_id"
                        + " WHERE i.bulk_id = :id ORDER BY i.device_id LIMIT :limit OFFSET :offset")
                .bind("id", bulkId).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new Item(rs.getString("device_id"), rs.getString("hostname"), rs.getString("outcome"),
                        rs.getString("command_id"), Sql.instant(rs, "started_at"), rs.getString("reason")))
                .list();
    }

    /** Devices not started yet over all running bulk heals (the metrics' backlog). */
    public int pendingInRunning() {
        return handle.createQuery("""
                SELECT COUNT(*) FROM bulk_heal_items i JOIN bulk_heals b ON b.bulk_id = i.bulk_id
                WHERE b.state = 'running' AND i.state = 'pending'""").mapTo(Integer.class).one();
    }

    private static StoredBulkHeal stored(ResultSet rs) throws SQLException {
        return new StoredBulkHeal(rs.getString("bulk_id"), rs.getString("created_by"), Sql.instant(rs, "created_at"),
                rs.getString("filter"), rs.getString("actions"), rs.getInt("per_minute"), rs.getInt("devices"),
                rs.getString("state"), Sql.instant(rs, "finished_at"), rs.getString("cancelled_by"));
    }
}
