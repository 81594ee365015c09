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
     * start time; a new code starts at its update's {@code observedAt}; a code no longer reported is dropped. Only
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
        handle.createQuery("SELECT device_id, code, severity, since FROM device_findings WHERE device_id = ANY(:ids)")
                .bindArray("ids", String.class, deviceIds)
                .map((rs, ctx) -> new Object[] {rs.getString("device_id"), rs.getString("code"),
                        new Current(rs.getString("severity"), Sql.instant(rs, "since"))})
                .forEach(row -> stored.computeIfAbsent((String) row[0], id -> new HashMap<>())
                        .put((String) row[1], (Current) row[2]));
        Map<String, Map<String, Current>> wanted = new HashMap<>();
        for (FindingsUpdate update : updates) {
            Map<String, Current> before = wanted.getOrDefault(update.deviceId(),
                    stored.getOrDefault(update.deviceId(), Map.of()));
            Map<String, Current> after = new HashMap<>();
            update.severityByCode().forEach((code, severity) -> {
                Current had = before.get(code);
                after.put(code, new Current(severity, had == null ? update.observedAt() : had.since()));
            });
            wanted.put(update.deviceId(), after);
        }
        PreparedBatch gone = handle.prepareBatch("DELETE FROM device_findings WHERE device_id = :id AND code = :code");
        PreparedBatch added = handle.prepareBatch(
                "INSERT INTO device_findings (device_id, code, severity, since) VALUES (:id, :code, :severity, :since)");
        PreparedBatch changed = handle.prepareBatch(
                "UPDATE device_findings SET severity = :severity, since = :since WHERE device_id = :id AND code = :code");
        for (String id : deviceIds) {
            Map<String, Current> before = stored.getOrDefault(id, Map.of());
            Map<String, Current> after = wanted.get(id);
            before.keySet().stream().filter(code -> !after.containsKey(code)).sorted()
                    .forEach(code -> gone.bind("id", id).bind("code", code).add());
            after.forEach((code, now) -> {
                Current had = before.get(code);
                if (had == null) {
                    added.bind("id", id).bind("code", code).bind("severity", now.severity()).bind("since", now.since()).add();
                } else if (!had.equals(now)) {
                    changed.bind("id", id).bind("code", code).bind("severity", now.severity()).bind("since", now.since()).add();
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
                SELECT f.device_id, d.hostname, d.endpoint_host, d.verdict, f.code, f.severity, f.since
                FROM device_findings f JOIN devices d ON d.device_id = f.device_id ORDER BY f.since""")
                .map((rs, ctx) -> new CurrentFinding(rs.getString("device_id"), rs.getString("hostname"),
                        rs.getString("endpoint_host"), rs.getString("verdict"), rs.getString("code"),
                        rs.getString("severity"), Sql.instant(rs, "since")))
                .list();
    }

    /**
     * The current findings grouped by the device's endpoint and the code: one row per group, counted in the database
     * (at 50,000 devices the rows behind the groups are tens of thousands; the groups are a few dozen).
     */
    public List<FindingGroup> groups() {
        return handle.createQuery("""
                SELECT d.endpoint_host, f.code, COUNT(*) AS n, MIN(f.since) AS first_since, MAX(f.since) AS last_since,
                MAX(CASE WHEN f.severity = 'error' THEN 1 ELSE 0 END) AS has_error,
                MIN(f.device_id) AS some_device_id, MIN(d.hostname) AS some_hostname
                FROM device_findings f JOIN devices d ON d.device_id = f.device_id
                GROUP BY d.endpoint_host, f.code""")
                .map((rs, ctx) -> new FindingGroup(rs.getString("endpoint_host"), rs.getString("code"),
                        rs.getInt("has_error") == 1 ? "error" : "warning", rs.getInt("n"),
                        Sql.instant(rs, "first_since"), Sql.instant(rs, "last_since"),
                        rs.getString("some_device_id"), rs.getString("some_hostname")))
                .list();
    }

    /**
     * Devices showing one finding on one endpoint.
     *
     * @param endpointHost  the endpoint, or null when the reports named none
     * @param severity      "error" when any of the devices has it as an error, else "warning"
     * @param firstSince    the earliest start of the finding among the devices
     * @param lastSince     the latest start
     * @param someDeviceId  the smallest device id of the group: the device, when the group has one
     * @param someHostname  the smallest host name of the group (null when none has one): the device's, when it has one
     */
    public record FindingGroup(String endpointHost, String code, String severity, int devices, Instant firstSince,
                               Instant lastSince, String someDeviceId, String someHostname) {
    }

    /** A device's problem findings (severity by code) as of a report created at {@code observedAt}. */
    public record FindingsUpdate(String deviceId, Map<String, String> severityByCode, Instant observedAt) {
    }

    private record Current(String severity, Instant since) {
    }

    /** One device's current finding. */
    public record CurrentFinding(String deviceId, String hostname, String endpointHost, String verdict, String code,
                                 String severity, Instant since) {
    }
}
