package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The problem findings of each device's latest report and since when each has been seen without a break. */
public final class FindingDao {

    private final Handle handle;

    public FindingDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * Applies the devices' new findings, in order, as if one after the other: a code a device already had keeps its
     * start time; a new code starts at its update's {@code observedAt}; a code no longer reported is dropped; every
     * finding of the device carries the endpoint of the update (the device's endpoint, set by the same report). Only
     * the net difference is written, in at most one read and three batches for all the devices: a device reporting
     * the same findings again (the usual case) costs nothing but its share of the read. Callers hold the devices'
     * rows locked, so nobody else changes these findings meanwhile.
     */
    public void apply(List<FindingsUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        Set<String> deviceIds = updates.stream().map(FindingsUpdate::deviceId).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Map<String, Current>> stored = new HashMap<>();
        // one SQL text whatever the number of devices (an IN list would be a new statement, parsed anew, per size)
        handle.createQuery("SELECT device_id, code, severity, since, endpoint_host FROM device_findings WHERE device_id = ANY(:ids)")
                .bindArray("ids", String.class, deviceIds)
                .map((rs, ctx) -> new Object[] {rs.getString("device_id"), rs.getString("code"),
                        new Current(rs.getString("severity"), Sql.instant(rs, "since"), rs.getString("endpoint_host"))})
                .forEach(row -> stored.computeIfAbsent((String) row[0], id -> new HashMap<>())
                        .put((String) row[1], (Current) row[2]));
        Map<String, Map<String, Current>> wanted = new HashMap<>();
        for (FindingsUpdate update : updates) {
            Map<String, Current> before = wanted.getOrDefault(update.deviceId(),
                    stored.getOrDefault(update.deviceId(), Map.of()));
            Map<String, Current> after = new HashMap<>();
            update.severityByCode().forEach((code, severity) -> {
                Current had = before.get(code);
                after.put(code, new Current(severity, had == null ? update.observedAt() : had.since(),
                        update.endpointHost()));
            });
            wanted.put(update.deviceId(), after);
        }
        PreparedBatch gone = handle.prepareBatch("DELETE FROM device_findings WHERE device_id = :id AND code = :code");
        PreparedBatch added = handle.prepareBatch("""
                INSERT INTO device_findings (device_id, code, severity, since, endpoint_host)
                VALUES (:id, :code, :severity, :since, :endpoint)""");
        PreparedBatch changed = handle.prepareBatch("""
                UPDATE device_findings SET severity = :severity, since = :since, endpoint_host = :endpoint
                WHERE device_id = :id AND code = :code""");
        for (String id : deviceIds) {
            Map<String, Current> before = stored.getOrDefault(id, Map.of());
            Map<String, Current> after = wanted.get(id);
            before.keySet().stream().filter(code -> !after.containsKey(code)).sorted()
                    .forEach(code -> gone.bind("id", id).bind("code", code).add());
            after.forEach((code, now) -> {
                Current had = before.get(code);
                if (had == null || !had.equals(now)) {
                    (had == null ? added : changed).bind("id", id).bind("code", code).bind("severity", now.severity())
                            .bind("since", now.since()).bind("endpoint", now.endpointHost()).add();
                }
            });
        }
        for (PreparedBatch batch : List.of(gone, added, changed)) {
            if (batch.size() > 0) {
                batch.execute();
            }
        }
    }

    /** Every current finding of every device, with the device's endpoint and host name. */
    public List<CurrentFinding> all() {
        return handle.createQuery("""
                SELECT f.device_id, d.hostname, f.endpoint_host, d.verdict, f.code, f.severity, f.since
                FROM device_findings f JOIN devices d ON d.device_id = f.device_id ORDER BY f.since""")
                .map((rs, ctx) -> new CurrentFinding(rs.getString("device_id"), rs.getString("hostname"),
                        rs.getString("endpoint_host"), rs.getString("verdict"), rs.getString("code"),
                        rs.getString("severity"), Sql.instant(rs, "since")))
                .list();
    }

    /**
     * The current findings grouped by the device's endpoint and the code: one row per group, counted in the database
     * from the findings alone (each carries its device's endpoint), the host name read only for groups of one device.
     * At 50,000 devices the rows behind the groups are tens of thousands; the groups are a few dozen.
     */
    public List<FindingGroup> groups() {
        List<FindingGroup> groups = handle.createQuery("""
                SELECT endpoint_host, code, COUNT(*) AS n, MIN(since) AS first_since, MAX(since) AS last_since,
                MAX(CASE WHEN severity = 'error' THEN 1 ELSE 0 END) AS has_error, MIN(device_id) AS some_device_id
                FROM device_findings GROUP BY endpoint_host, code""")
                .map((rs, ctx) -> new FindingGroup(rs.getString("endpoint_host"), rs.getString("code"),
                        rs.getInt("has_error") == 1 ? "error" : "warning", rs.getInt("n"),
                        Sql.instant(rs, "first_since"), Sql.instant(rs, "last_since"),
                        rs.getString("some_device_id"), null))
                .list();
        List<String> alone = groups.stream().filter(g -> g.devices() == 1).map(FindingGroup::someDeviceId).distinct().toList();
        if (alone.isEmpty()) {
            return groups;
        }
        Map<String, String> hostnames = new HashMap<>();
        handle.createQuery("SELECT device_id, hostname FROM devices WHERE device_id = ANY(:ids)")
                .bindArray("ids", String.class, alone)
                .map((rs, ctx) -> new String[] {rs.getString("device_id"), rs.getString("hostname")})
                .forEach(row -> hostnames.put(row[0], row[1]));
        return groups.stream().map(g -> g.devices() == 1 ? new FindingGroup(g.endpointHost(), g.code(), g.severity(),
                g.devices(), g.firstSince(), g.lastSince(), g.someDeviceId(), hostnames.get(g.someDeviceId())) : g).toList();
    }

    /**
     * Devices showing one finding on one endpoint.
     *
     * @param endpointHost  the endpoint, or null when the reports named none
     * @param severity      "error" when any of the devices has it as an error, else "warning"
     * @param firstSince    the earliest start of the finding among the devices
     * @param lastSince     the latest start
     * @param someDeviceId  the smallest device id of the group: the device, when the group has one
     * @param someHostname  the host name of the device of a group of one (null when it has none, or the group more)
     */
    public record FindingGroup(String endpointHost, String code, String severity, int devices, Instant firstSince,
                               Instant lastSince, String someDeviceId, String someHostname) {
    }

    /** A device's problem findings (severity by code) and endpoint as of a report created at {@code observedAt}. */
    public record FindingsUpdate(String deviceId, String endpointHost, Map<String, String> severityByCode, Instant observedAt) {
    }

    private record Current(String severity, Instant since, String endpointHost) {
    }

    /** One device's current finding. */
    public record CurrentFinding(String deviceId, String hostname, String endpointHost, String verdict, String code,
                                 String severity, Instant since) {
    }
}
