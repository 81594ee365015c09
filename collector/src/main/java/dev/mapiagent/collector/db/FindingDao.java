package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
     * Replaces the device's current findings. A code the device already had keeps its start time; a new code
     * starts at {@code observedAt}; a code no longer reported is dropped. Only what differs is written: a device
     * reporting the same findings again (the usual case) costs one read.
     */
    public void replace(String deviceId, Map<String, String> severityByCode, Instant observedAt) {
        Map<String, String> stored = handle.createQuery("SELECT code, severity FROM device_findings WHERE device_id = :id")
                .bind("id", deviceId)
                .map((rs, ctx) -> Map.entry(rs.getString("code"), rs.getString("severity")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<String> gone = stored.keySet().stream().filter(code -> !severityByCode.containsKey(code)).toList();
        if (!gone.isEmpty()) {
            handle.createUpdate("DELETE FROM device_findings WHERE device_id = :id AND code IN (<codes>)")
                    .bind("id", deviceId).bindList("codes", gone).execute();
        }
        PreparedBatch added = handle.prepareBatch(
                "INSERT INTO device_findings (device_id, code, severity, since) VALUES (:id, :code, :severity, :since)");
        PreparedBatch changed = handle.prepareBatch(
                "UPDATE device_findings SET severity = :severity WHERE device_id = :id AND code = :code");
        severityByCode.forEach((code, severity) -> {
            String before = stored.get(code);
            if (before == null) {
                added.bind("id", deviceId).bind("code", code).bind("severity", severity).bind("since", observedAt).add();
            } else if (!before.equals(severity)) {
                changed.bind("id", deviceId).bind("code", code).bind("severity", severity).add();
            }
        });
        for (PreparedBatch batch : List.of(added, changed)) {
            if (batch.size() > 0) {
                batch.execute();
            }
        }
    }

    /** Every current finding of every device, with the device's endpoint and host name. */
    public List<CurrentFinding> all() {
        return handle.createQuery("SELECT f.device_id, d.hostname, d.endpoint_host, d.verdict, f.code, f.severity, f.since "
                        + "FROM device_findings f JOIN devices d ON d.device_id = f.device_id ORDER BY f.since")
                .map((rs, ctx) -> new CurrentFinding(rs.getString("device_id"), rs.getString("hostname"),
                        rs.getString("endpoint_host"), rs.getString("verdict"), rs.getString("code"),
                        rs.getString("severity"), Sql.instant(rs, "since")))
                .list();
    }

    /** One device's current finding. */
    public record CurrentFinding(String deviceId, String hostname, String endpointHost, String verdict, String code,
                                 String severity, Instant since) {
    }
}
