package dev.mapiagent.collector.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.CommandDao;
import dev.mapiagent.collector.db.DeviceDao;
import dev.mapiagent.collector.db.Sql;
import dev.mapiagent.collector.db.StoredCommand;
import dev.mapiagent.collector.error.ConflictException;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.NotFoundException;
import dev.mapiagent.protocol.Command;
import dev.mapiagent.protocol.CommandResult;
import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.ProtocolSchema;
import dev.mapiagent.protocol.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Remote self-heal commands: queue (helpdesk), deliver (agent), result (agent), cancel (helpdesk), expire.
 * One command per device is in flight (queued or delivered) at a time; each step is audited in its transaction.
 *
 * <p>Delivery is at-least-once on the wire: a delivered command with no result after the redelivery lease is handed
 * out again (still {@code delivered}, one more delivery attempt) until it expires, because the answer that carried
 * it may never have reached the agent. The agent runs a command id once and answers a redelivery with the result it
 * kept, and the same result posted twice is recorded once, so the heal takes effect exactly once.
 */
public final class CommandService {

    /** A delivered command may still report its result this long after it expired: it was already running. */
    static final Duration RESULT_GRACE = Duration.ofMinutes(15);
    static final Duration MAX_TTL = Duration.ofDays(1);
    private static final List<CommandStatus> IN_FLIGHT = List.of(CommandStatus.QUEUED, CommandStatus.DELIVERED);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Duration redeliverAfter;
    private final IngestService ingest;
    private final List<Consumer<String>> queuedListeners = new CopyOnWriteArrayList<>();

    /** @param redeliverAfter the lease: how long a delivered command may go without a result before it is redelivered */
    public CommandService(Jdbi jdbi, Clock clock, Duration defaultTtl, Duration redeliverAfter, IngestService ingest) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.redeliverAfter = redeliverAfter;
        this.ingest = ingest;
    }

    /** Queues a heal; not found for an unknown device, a conflict when the device already has a command in flight. */
    public Command queue(String user, String deviceId, List<HealAction> actions, Duration ttl) {
        if (actions.isEmpty()) {
            throw new InvalidException("no actions", "choose at least one heal action");
        }
        Duration validFor = ttl == null ? defaultTtl : ttl;
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_TTL) > 0) {
            throw new InvalidException("invalid expiry", "a command must expire within 1 minute to 1 day");
        }
        expireOverdue();
        Instant now = clock.instant();
        Command command = new Command(UUID.randomUUID().toString(), deviceId, List.copyOf(actions), CommandStatus.QUEUED,
                user, now, now.plus(validFor), null, null, null, null);
        try {
            jdbi.useTransaction(h -> {
                insertQueued(h, command);
                new AuditDao(h).append(now, user, "heal-queued", deviceId, "command " + command.commandId() + ": "
                        + actions.stream().map(HealAction::id).collect(Collectors.joining(", "))
                        + ", expires " + command.expiresAt());
            });
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                // another collector queued one for the device between our check and our insert
                throw jdbi.withHandle(h -> new CommandDao(h).inFlight(deviceId)).map(CommandService::inFlightConflict)
                        .orElse(new ConflictException("a command is already in flight for this device", null));
            }
            throw e;
        }
        queuedListeners.forEach(listener -> listener.accept(deviceId));
        return command;
    }

    /**
     * Queues the command in the caller's transaction, as a single heal and each device of a bulk heal are queued; the
     * caller audits. Not found for an unknown device, a conflict when the device already has a command in flight
     * (both before anything is written); a unique violation when another collector queued one meanwhile.
     */
    static void insertQueued(Handle h, Command command) {
        String deviceId = command.deviceId();
        if (!new DeviceDao(h).exists(deviceId)) {
            throw new NotFoundException("unknown device", deviceId + " has not enrolled");
        }
        CommandDao commands = new CommandDao(h);
        commands.inFlight(deviceId).ifPresent(busy -> {
            throw inFlightConflict(busy);
        });
        commands.insertQueued(command);
        commands.notifyQueued(deviceId);
    }

    /** Tells the listener the device id of every command this collector queues, after it is committed. */
    public void onQueued(Consumer<String> listener) {
        queuedListeners.add(listener);
    }

    /**
     * Devices with a command that became deliverable within the look-back: queued (by any collector on the database)
     * or whose delivery lease ran out without a result.
     */
    public List<String> recentlyDeliverableDevices(Duration lookBack) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> new CommandDao(h).deliverableSince(now.minus(lookBack), now, redeliverAfter));
    }

    private static ConflictException inFlightConflict(StoredCommand busy) {
        return new ConflictException("a command is already in flight for this device",
                "command " + busy.command().commandId() + " is " + busy.command().status().id()
                        + "; wait for its result or cancel it");
    }

    /**
     * Hands the device its queued commands, and again those delivered a lease ago without a result. Each hand-out is
     * a conditional update (queued to delivered; delivered at or before the lease cutoff to delivered now), so of two
     * collectors racing for a command only one returns it.
     */
    public List<Command> deliver(String deviceId) {
        expireOverdue();
        Instant asOf = clock.instant();
        List<Command> delivered = new ArrayList<>();
        List<StoredCommand> candidates = jdbi.withHandle(h -> new CommandDao(h).deliverable(deviceId, asOf,
                asOf.minus(redeliverAfter)));
        for (StoredCommand candidate : candidates) {
            String commandId = candidate.command().commandId();
            boolean redelivery = candidate.command().status() == CommandStatus.DELIVERED;
            jdbi.useTransaction(h -> {
                Instant now = clock.instant();
                CommandDao commands = new CommandDao(h);
                if (redelivery ? commands.reclaim(commandId, now, now.minus(redeliverAfter)) : commands.claim(commandId, now)) {
                    StoredCommand claimed = commands.find(commandId).orElseThrow();
                    if (redelivery) {
                        new AuditDao(h).append(now, AuditDao.deviceActor(deviceId), "command-redelivered", deviceId, "command "
                                + commandId + ", attempt " + claimed.deliveryAttempts() + ": no result within "
                                + redeliverAfter.toSeconds() + " s of delivery at " + candidate.command().deliveredAt());
                    } else {
                        new AuditDao(h).append(now, AuditDao.deviceActor(deviceId), "command-delivered", deviceId, "command " + commandId);
                    }
                    delivered.add(claimed.command());
                }
            });
        }
        return delivered;
    }

    /**
     * Records the agent's result for a command it was given. The same result again (the agent retrying because the
     * answer to the first was lost, or answering a redelivery with the result it kept) changes nothing and gets the
     * stored command, as the first did. Not found when the command is not this device's, a conflict when it is not
     * waiting for a result (never delivered, expired, cancelled, or already answered with a different result).
     */
    public StoredCommand recordResult(String deviceId, String commandId, JsonNode body) {
        List<String> problems = ProtocolSchema.COMMAND_RESULT.validate(body);
        if (!problems.isEmpty()) {
            throw new InvalidException("result does not match the command result schema", String.join("; ", problems));
        }
        Report before = optionalReport(body, "before", deviceId);
        Report after = optionalReport(body, "after", deviceId);
        CommandResult result;
        try {
            result = ProtocolJson.mapper().treeToValue(body, CommandResult.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidException("result is not a valid command result", e.getMessage().lines().findFirst().orElse(""));
        }
        CommandStatus status = result.status();
        int exitCode = result.exitCode();
        String message = result.message();
        expireOverdue();
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            CommandDao commands = new CommandDao(h);
            StoredCommand current = commands.find(commandId)
                    .filter(c -> c.command().deviceId().equals(deviceId))
                    .orElseThrow(() -> new NotFoundException("unknown command", "no command " + commandId + " for this device"));
            if (current.sameResult(status, exitCode, message, reportId(before), reportId(after))) {
                return current;
            }
            requireAwaitingResult(current.command());
            storeReport(h, before, body.get("before"));
            storeReport(h, after, body.get("after"));
            if (!commands.recordResult(commandId, status, exitCode, message, reportId(before), reportId(after), now)) {
                // answered meanwhile: by this same result posted twice at once, or by a cancel or expiry
                StoredCommand answered = commands.find(commandId).orElseThrow();
                if (answered.sameResult(status, exitCode, message, reportId(before), reportId(after))) {
                    return answered;
                }
                throw new ConflictException("command is no longer waiting for a result", "command " + commandId
                        + " is " + answered.command().status().id());
            }
            new AuditDao(h).append(now, AuditDao.deviceActor(deviceId), "command-result", deviceId, "command " + commandId + " "
                    + status.id() + " (exit " + exitCode + ")" + (message == null ? "" : ": " + message));
            return commands.find(commandId).orElseThrow();
        });
    }

    private static String reportId(Report report) {
        return report == null ? null : report.reportId();
    }

    private static void requireAwaitingResult(Command command) {
        switch (command.status()) {
            case DELIVERED -> {
            }
            case QUEUED -> throw new ConflictException("command was not delivered", "fetch it from /api/v1/commands first");
            case EXPIRED -> throw new ConflictException("command expired", "it expired at " + command.expiresAt());
            case CANCELLED -> throw new ConflictException("command was cancelled", "cancelled at " + command.finishedAt());
            default -> throw new ConflictException("a result was already recorded", "status " + command.status().id());
        }
    }

    private Report optionalReport(JsonNode body, String field, String deviceId) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : IngestService.validated(node, deviceId, field);
    }

    private void storeReport(Handle h, Report report, JsonNode document) {
        if (report != null) {
            ingest.store(h, report, document);
        }
    }

    /** Cancels a queued or delivered command; not found when unknown, a conflict when it already finished. */
    public StoredCommand cancel(String user, String commandId) {
        expireOverdue();
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            CommandDao commands = new CommandDao(h);
            StoredCommand current = commands.find(commandId)
                    .orElseThrow(() -> new NotFoundException("unknown command", "no command " + commandId));
            if (!commands.finish(commandId, IN_FLIGHT, CommandStatus.CANCELLED, now)) {
                throw new ConflictException("command already finished", "status " + current.command().status().id());
            }
            new AuditDao(h).append(now, user, "command-cancelled", current.command().deviceId(), "command " + commandId
                    + " was " + current.command().status().id());
            return commands.find(commandId).orElseThrow();
        });
    }

    /** Marks overdue commands expired (queued past expiry; delivered past expiry plus the result grace). */
    public int expireOverdue() {
        return expireOverdue(jdbi, clock.instant());
    }

    static int expireOverdue(Jdbi jdbi, Instant now) {
        List<StoredCommand> overdue = jdbi.withHandle(h -> new CommandDao(h).overdue(now, now.minus(RESULT_GRACE)));
        int expired = 0;
        for (StoredCommand c : overdue) {
            boolean changed = jdbi.inTransaction(h -> {
                if (!new CommandDao(h).finish(c.command().commandId(), List.of(c.command().status()), CommandStatus.EXPIRED, now)) {
                    return false;
                }
                new AuditDao(h).append(now, "collector", "command-expired", c.command().deviceId(),
                        "command " + c.command().commandId() + " was " + c.command().status().id());
                return true;
            });
            expired += changed ? 1 : 0;
        }
        return expired;
    }

    public List<StoredCommand> forDevice(String deviceId, int limit) {
        expireOverdue();
        return jdbi.withHandle(h -> new CommandDao(h).forDevice(deviceId, limit));
    }
}
