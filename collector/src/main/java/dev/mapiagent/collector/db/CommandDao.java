package dev.mapiagent.collector.db;

import dev.mapiagent.protocol.Command;
import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.HealAction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Self-heal commands. Every status change is a conditional UPDATE on the expected current status, so two
 * collectors on one database can race on a command and only one of them wins.
 */
public final class CommandDao {

    private static final String COLUMNS = """
            command_id, device_id, actions, status, requested_by, created_at, expires_at,
            delivered_at, finished_at, exit_code, message, before_report_id, after_report_id, delivery_attempts""";

    private final Handle handle;

    public CommandDao(Handle handle) {
        this.handle = handle;
    }

    /** Inserts a queued command; fails with a unique violation when the device already has one in flight. */
    public void insertQueued(Command command) {
        handle.createUpdate("""
                INSERT INTO commands (command_id, device_id, actions, status, requested_by, created_at,
                expires_at, in_flight_device) VALUES (:id, :device, :actions, :status, :by, :createdAt,
                :expiresAt, :device)""")
                .bind("id", command.commandId()).bind("device", command.deviceId())
                .bind("actions", command.actions().stream().map(HealAction::id).collect(Collectors.joining(",")))
                .bind("status", CommandStatus.QUEUED.id()).bind("by", command.requestedBy())
                .bind("createdAt", command.createdAt()).bind("expiresAt", command.expiresAt())
                .execute();
    }

    /**
     * On PostgreSQL, tells every collector listening on the database ({@link QueuedCommandListener}) that the device
     * has a command queued. Sent in the queueing transaction, so it is delivered when (and only if) that commits; the
     * embedded database has one collector, which wakes its own requests in process.
     */
    public void notifyQueued(String deviceId) {
        if (Sql.isPostgres(handle)) {
            handle.createUpdate("SELECT pg_notify(:channel, :device)")
                    .bind("channel", QueuedCommandListener.CHANNEL).bind("device", deviceId).execute();
        }
    }

    public Optional<StoredCommand> find(String commandId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM commands WHERE command_id = :id")
                .bind("id", commandId).map((rs, ctx) -> stored(rs)).findOne();
    }

    public Optional<StoredCommand> inFlight(String deviceId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM commands WHERE in_flight_device = :device")
                .bind("device", deviceId).map((rs, ctx) -> stored(rs)).findOne();
    }

    /** The newest commands of a device first. */
    public List<StoredCommand> forDevice(String deviceId, int limit) {
        return handle.createQuery("""
                SELECT %s FROM commands WHERE device_id = :device
                ORDER BY created_at DESC LIMIT :limit""".formatted(COLUMNS))
                .bind("device", deviceId).bind("limit", limit).map((rs, ctx) -> stored(rs)).list();
    }

    /**
     * Candidates for delivery to a device, oldest first: its queued, unexpired commands, and its unexpired commands
     * delivered at or before the lease cutoff that still have no result (the answer carrying them may have been lost).
     */
    public List<StoredCommand> deliverable(String deviceId, Instant now, Instant leaseCutoff) {
        return handle.createQuery("""
                SELECT %s FROM commands WHERE device_id = :device AND expires_at > :now
                AND (status = 'queued' OR (status = 'delivered' AND delivered_at <= :leaseCutoff))
                ORDER BY created_at""".formatted(COLUMNS))
                .bind("device", deviceId).bind("now", now).bind("leaseCutoff", leaseCutoff)
                .map((rs, ctx) -> stored(rs)).list();
    }

    /**
     * Devices with an unexpired command that became deliverable after the time: queued since then, or whose
     * delivery lease ran out since then.
     */
    public List<String> deliverableSince(Instant since, Instant now, Duration lease) {
        return handle.createQuery("""
                SELECT device_id FROM commands WHERE expires_at > :now AND (
                (status = 'queued' AND created_at > :since)
                OR (status = 'delivered' AND delivered_at > :leaseSince AND delivered_at <= :leaseCutoff))""")
                .bind("since", since).bind("now", now)
                .bind("leaseSince", since.minus(lease)).bind("leaseCutoff", now.minus(lease))
                .mapTo(String.class).list();
    }

    /** Queued commands past their expiry and delivered ones past expiry plus the grace for the result. */
    public List<StoredCommand> overdue(Instant now, Instant deliveredCutoff) {
        return handle.createQuery("""
                SELECT %s FROM commands WHERE (status = 'queued' AND expires_at <= :now)
                OR (status = 'delivered' AND expires_at <= :deliveredCutoff)""".formatted(COLUMNS))
                .bind("now", now).bind("deliveredCutoff", deliveredCutoff).map((rs, ctx) -> stored(rs)).list();
    }

    /** Marks a queued command delivered (attempt 1); false when someone else got there first. */
    public boolean claim(String commandId, Instant now) {
        return handle.createUpdate("""
                UPDATE commands SET status = 'delivered', delivered_at = :now, delivery_attempts = 1
                WHERE command_id = :id AND status = 'queued'""")
                .bind("now", now).bind("id", commandId).execute() == 1;
    }

    /**
     * Hands a delivered command out again when its lease ran out without a result and it has not expired: the new
     * delivery time starts a new lease, so of two collectors racing for it only the first update matches.
     */
    public boolean reclaim(String commandId, Instant now, Instant leaseCutoff) {
        return handle.createUpdate("""
                UPDATE commands SET delivered_at = :now, delivery_attempts = delivery_attempts + 1
                WHERE command_id = :id AND status = 'delivered' AND delivered_at <= :leaseCutoff
                AND expires_at > :now""")
                .bind("now", now).bind("leaseCutoff", leaseCutoff).bind("id", commandId).execute() == 1;
    }

    /** Moves a command from one of the expected statuses to a final one; false when it was no longer in them. */
    public boolean finish(String commandId, List<CommandStatus> expected, CommandStatus status, Instant now) {
        return handle.createUpdate("""
                UPDATE commands SET status = :status, finished_at = :now, in_flight_device = NULL
                WHERE command_id = :id AND status IN (<expected>)""")
                .bind("status", status.id()).bind("now", now).bind("id", commandId)
                .bindList("expected", expected.stream().map(CommandStatus::id).toList())
                .execute() == 1;
    }

    /** Records the agent's result on a delivered command; false when it was no longer delivered. */
    public boolean recordResult(String commandId, CommandStatus status, int exitCode, String message,
                                String beforeReportId, String afterReportId, Instant now) {
        return handle.createUpdate("""
                UPDATE commands SET status = :status, finished_at = :now, in_flight_device = NULL,
                exit_code = :exitCode, message = :message, before_report_id = :before, after_report_id = :after
                WHERE command_id = :id AND status = 'delivered'""")
                .bind("status", status.id()).bind("now", now).bind("exitCode", exitCode).bind("message", message)
                .bind("before", beforeReportId).bind("after", afterReportId).bind("id", commandId)
                .execute() == 1;
    }

    public Map<String, Integer> countByStatus() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        handle.createQuery("SELECT status, COUNT(*) AS n FROM commands GROUP BY status")
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static StoredCommand stored(ResultSet rs) throws SQLException {
        List<HealAction> actions = Arrays.stream(rs.getString("actions").split(","))
                .map(id -> HealAction.byId(id).orElseThrow(() -> new IllegalStateException("unknown action in db: " + id)))
                .toList();
        Command command = new Command(rs.getString("command_id"), rs.getString("device_id"), actions,
                CommandStatus.byId(rs.getString("status")).orElseThrow(), rs.getString("requested_by"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "delivered_at"),
                Sql.instant(rs, "finished_at"), Sql.integer(rs, "exit_code"), rs.getString("message"));
        return new StoredCommand(command, rs.getString("before_report_id"), rs.getString("after_report_id"),
                rs.getInt("delivery_attempts"));
    }
}
