package dev.mapiagent.collector.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mapiagent.collector.config.BulkHealLimits;
import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.BulkHealDao;
import dev.mapiagent.collector.db.BulkHealDao.StoredBulkHeal;
import dev.mapiagent.collector.db.DeviceDao;
import dev.mapiagent.collector.db.DeviceFilter;
import dev.mapiagent.collector.db.LeaseDao;
import dev.mapiagent.collector.db.Sql;
import dev.mapiagent.collector.error.CollectorException;
import dev.mapiagent.collector.error.ConflictException;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.NotFoundException;
import dev.mapiagent.protocol.Command;
import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.ProtocolJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk self-heal: the same heal actions for every device a device-list filter matches, queued over time.
 *
 * <p>Creating one evaluates the filter once and keeps the devices it matched; {@link #tick()} (run every few seconds
 * by each collector) then queues their heal commands, at most {@code perMinute} in any minute, each through the
 * single heal's own queueing ({@link CommandService#insertQueued}): one command in flight per device, and the agent
 * runs only what its {@code AllowedRemoteActions} allows and answers {@code refused} for the rest. Of several
 * collectors on one database only the holder of the {@code bulk-heals} lease starts devices; every start is a
 * conditional update of the device's row, so a cancel and a start racing on one device cannot both win. All state
 * is in the database: a restarted collector carries on where the bulk stood.
 *
 * <p>The creation and the cancel are each one audit entry; each device's outcome is its heal command's status.
 */
public final class BulkHealService {

    private static final Logger LOG = LoggerFactory.getLogger(BulkHealService.class);

    static final String JOB = "bulk-heals";
    /** How long a tick may hold the lease; a tick takes well under this, a dead holder loses it when it runs out. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** The window of the throttle: at most perMinute devices started within any window. */
    static final Duration WINDOW = Duration.ofMinutes(1);

    /** Every outcome a device of a bulk heal can have, in the order the page lists them. */
    public static final List<String> OUTCOMES = Stream.concat(Stream.of(BulkHealDao.PENDING),
            Stream.concat(Arrays.stream(CommandStatus.values()).map(CommandStatus::id),
                    Stream.of(BulkHealDao.SKIPPED, BulkHealDao.CANCELLED_BEFORE_START))).toList();

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration commandTtl;
    private final BulkHealLimits limits;
    private final String holder = "collector-" + UUID.randomUUID();
    private final List<Consumer<String>> queuedListeners = new CopyOnWriteArrayList<>();

    /** @param commandTtl how long each device's heal command stays valid once queued */
    public BulkHealService(Jdbi jdbi, Clock clock, Duration commandTtl, BulkHealLimits limits) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.commandTtl = commandTtl;
        this.limits = limits;
    }

    /**
     * A bulk heal as the page and scripts see it.
     *
     * @param filter the device list filter it was made from (query parameter names)
     * @param state  running, finished (every device started or skipped) or cancelled
     * @param counts devices per outcome: pending, the command statuses, skipped, cancelled-before-start
     */
    public record BulkHeal(String bulkId, String createdBy, Instant createdAt, Map<String, String> filter,
                           List<String> actions, int perMinute, int devices, String state, Instant finishedAt,
                           String cancelledBy, Map<String, Integer> counts) {
    }

    /** A bulk heal with a page of its devices and their outcomes. */
    public record Detail(@JsonUnwrapped BulkHeal bulk, List<BulkHealDao.Item> items) {
    }

    /** What a create answers: the new bulk heal and how many devices it covers. */
    public record Created(String bulkId, int devices) {
    }

    /** What one tick did; {@code ran} is false when another collector held the lease. */
    public record Tick(boolean ran, int started, int skipped) {
    }

    /**
     * How many devices the filter (device list query parameters) matches now: the count shown before confirming. The
     * actions and the rate are checked as {@link #create} checks them, so a preview that passes creates.
     */
    public int preview(Map<String, String> filter, List<HealAction> actions, Integer perMinute) {
        DeviceFilter parsed = filter(filter);
        rate(actions, perMinute);
        return jdbi.withHandle(h -> new DeviceDao(h).count(parsed));
    }

    /** The rate asked for, or the default; invalid when outside 1 to the configured maximum, or without actions. */
    private int rate(List<HealAction> actions, Integer asked) {
        if (actions.isEmpty()) {
            throw new InvalidException("no actions", "choose at least one heal action");
        }
        if (asked == null) {
            return limits.defaultPerMinute();
        }
        if (asked < 1 || asked > limits.maxPerMinute()) {
            throw new InvalidException("invalid perMinute", "perMinute must be a whole number from 1 to "
                    + limits.maxPerMinute());
        }
        return asked;
    }

    /**
     * Creates a running bulk heal over the devices the filter matches now; invalid when it matches none. Audited as
     * one entry naming the filter, the actions, the rate and the count.
     */
    public Created create(String user, Map<String, String> filter, List<HealAction> actions, Integer perMinute) {
        DeviceFilter parsed = filter(filter);
        int rate = rate(actions, perMinute);
        String bulkId = UUID.randomUUID().toString();
        Map<String, String> given = new TreeMap<>();
        filter.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                given.put(name, value.trim());
            }
        });
        String filterJson = json(given);
        String actionIds = actions.stream().map(HealAction::id).collect(Collectors.joining(","));
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            BulkHealDao bulks = new BulkHealDao(h);
            bulks.insert(bulkId, user, now, filterJson, actionIds, rate);
            int devices = bulks.addDevices(bulkId, parsed);
            if (devices == 0) {
                throw new InvalidException("no devices match the filter", "nothing to heal; check the filter "
                        + filterJson + " against the device list");
            }
            new AuditDao(h).append(now, user, "bulk-heal-queued", null, "bulk " + bulkId + ": " + devices
                    + " devices, actions " + actionIds + ", " + rate + " per minute, filter " + filterJson);
            return new Created(bulkId, devices);
        });
    }

    /** The bulk heal with a page of its devices in device id order; not found when unknown. */
    public Detail detail(String bulkId, int limit, int offset) {
        CommandService.expireOverdue(jdbi, clock.instant());
        return jdbi.inTransaction(h -> {
            BulkHealDao bulks = new BulkHealDao(h);
            StoredBulkHeal stored = bulks.find(bulkId).orElseThrow(() -> unknown(bulkId));
            return new Detail(view(bulks, stored), bulks.items(bulkId, limit, offset));
        });
    }

    /** The newest bulk heals first, each with its counts. */
    public List<BulkHeal> recent(int limit) {
        CommandService.expireOverdue(jdbi, clock.instant());
        return jdbi.inTransaction(h -> {
            BulkHealDao bulks = new BulkHealDao(h);
            return bulks.recent(limit).stream().map(b -> view(bulks, b)).toList();
        });
    }

    /**
     * Cancels the devices not started yet and ends the bulk heal; those started keep their commands (cancel one of
     * them as a single command). Audited as one entry. Not found when unknown, a conflict when it already ended.
     */
    public Detail cancel(String user, String bulkId, int limit) {
        jdbi.useTransaction(h -> {
            Instant now = clock.instant();
            BulkHealDao bulks = new BulkHealDao(h);
            StoredBulkHeal stored = bulks.find(bulkId).orElseThrow(() -> unknown(bulkId));
            if (!bulks.end(bulkId, BulkHealDao.CANCELLED, user, now)) {
                throw new ConflictException("bulk heal already ended", "it is " + stored.state()
                        + (stored.finishedAt() == null ? "" : " since " + stored.finishedAt()));
            }
            int cancelled = bulks.cancelPending(bulkId);
            new AuditDao(h).append(now, user, "bulk-heal-cancelled", null, "bulk " + bulkId + ": " + cancelled
                    + " of " + stored.devices() + " devices cancelled before they started");
        });
        return detail(bulkId, limit, 0);
    }

    /** Devices not started yet over all running bulk heals. */
    public int pendingDevices() {
        return jdbi.withHandle(h -> new BulkHealDao(h).pendingInRunning());
    }

    /**
     * Tells the listener the device id of every heal this service queues, after it is committed (as
     * {@link CommandService#onQueued}: the collector wakes the device's parked long-poll at once).
     */
    public void onQueued(Consumer<String> listener) {
        queuedListeners.add(listener);
    }

    /**
     * Starts the devices each running bulk heal may start now (its rate less those started within the last minute),
     * and ends those with none left. Only the holder of the lease does; the others return {@code ran = false}.
     */
    public Tick tick() {
        Instant now = clock.instant();
        if (!jdbi.withHandle(h -> new LeaseDao(h).acquire(JOB, holder, now, now.plus(LEASE)))) {
            return new Tick(false, 0, 0);
        }
        try {
            int started = 0;
            int skipped = 0;
            for (StoredBulkHeal bulk : jdbi.withHandle(h -> new BulkHealDao(h).running())) {
                int budget = bulk.perMinute()
                        - jdbi.withHandle(h -> new BulkHealDao(h).startedSince(bulk.bulkId(), now.minus(WINDOW)));
                if (budget <= 0) {
                    continue;
                }
                List<String> devices = jdbi.withHandle(h -> new BulkHealDao(h).pending(bulk.bulkId(), budget));
                List<HealAction> actions = actions(bulk);
                for (String deviceId : devices) {
                    switch (start(bulk, actions, deviceId, now)) {
                        case STARTED -> {
                            started++;
                            queuedListeners.forEach(listener -> listener.accept(deviceId));
                        }
                        case SKIPPED -> skipped++;
                        case NONE -> {
                        }
                    }
                }
                if (devices.size() < budget) {
                    // none left to start, unless one stayed pending after a race with another collector's heal
                    jdbi.useTransaction(h -> {
                        BulkHealDao bulks = new BulkHealDao(h);
                        if (bulks.pending(bulk.bulkId(), 1).isEmpty()) {
                            bulks.end(bulk.bulkId(), BulkHealDao.FINISHED, null, now);
                        }
                    });
                }
            }
            return new Tick(true, started, skipped);
        } finally {
            jdbi.useHandle(h -> new LeaseDao(h).release(JOB, holder, clock.instant()));
        }
    }

    private enum Start { STARTED, SKIPPED, NONE }

    /**
     * Queues the device's heal as a single heal is queued, in one transaction with marking it started; when the
     * single heal would be refused (the device gone, a command already in flight) the device is skipped with that
     * reason. NONE when the device was cancelled meanwhile, or another collector queued a command for it at the same
     * moment (it stays pending and the next tick skips it with the reason).
     */
    private Start start(StoredBulkHeal bulk, List<HealAction> actions, String deviceId, Instant now) {
        Command command = new Command(UUID.randomUUID().toString(), deviceId, actions, CommandStatus.QUEUED,
                bulk.createdBy(), now, now.plus(commandTtl), null, null, null, null);
        try {
            return jdbi.inTransaction(h -> {
                if (!new BulkHealDao(h).markStarted(bulk.bulkId(), deviceId, command.commandId(), now)) {
                    return Start.NONE;
                }
                CommandService.insertQueued(h, command);
                return Start.STARTED;
            });
        } catch (NotFoundException | ConflictException e) {
            String reason = describe(e);
            boolean marked = jdbi.inTransaction(h -> new BulkHealDao(h).markSkipped(bulk.bulkId(), deviceId, reason, now));
            return marked ? Start.SKIPPED : Start.NONE;
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                LOG.info("bulk heal {}: device {} got a command from elsewhere meanwhile; retried next tick",
                        bulk.bulkId(), deviceId);
                return Start.NONE;
            }
            throw e;
        }
    }

    private static List<HealAction> actions(StoredBulkHeal bulk) {
        return Arrays.stream(bulk.actions().split(",")).map(id -> HealAction.byId(id).orElseThrow()).toList();
    }

    private static BulkHeal view(BulkHealDao bulks, StoredBulkHeal b) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        OUTCOMES.forEach(outcome -> counts.put(outcome, 0));
        counts.putAll(bulks.outcomeCounts(b.bulkId()));
        return new BulkHeal(b.bulkId(), b.createdBy(), b.createdAt(), parseFilter(b.filter()),
                List.of(b.actions().split(",")), b.perMinute(), b.devices(), b.state(), b.finishedAt(),
                b.cancelledBy(), counts);
    }

    /**
     * The device filter the named values describe, as the device list reads its query parameters; invalid for a name
     * the device list does not filter on (a misspelt name must not widen a bulk heal to every device).
     */
    static DeviceFilter filter(Map<String, String> values) {
        List<String> unknown = values.keySet().stream().filter(k -> !DeviceQuery.FILTER_PARAMETERS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidException("unknown filter field", String.join(", ", unknown) + "; known: "
                    + String.join(", ", DeviceQuery.FILTER_PARAMETERS));
        }
        return DeviceQuery.filter(values::get);
    }

    private static NotFoundException unknown(String bulkId) {
        return new NotFoundException("unknown bulk heal", "no bulk heal " + bulkId);
    }

    private static String json(Object value) {
        try {
            return ProtocolJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a filter map is always JSON", e);
        }
    }

    private static Map<String, String> parseFilter(String json) {
        try {
            return ProtocolJson.mapper().readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored bulk heal filter is not JSON", e);
        }
    }

    /** The refusal's error and detail as one line: why a device was skipped. */
    private static String describe(CollectorException e) {
        return e.error() + (e.detail() == null ? "" : ": " + e.detail());
    }
}
