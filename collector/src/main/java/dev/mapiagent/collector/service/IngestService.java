package dev.mapiagent.collector.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.api.ApiException;
import dev.mapiagent.collector.db.DeviceDao;
import dev.mapiagent.collector.db.FindingDao;
import dev.mapiagent.collector.db.ReportDao;
import dev.mapiagent.collector.db.Sql;
import dev.mapiagent.collector.metrics.CollectorMetrics;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.ProtocolSchema;
import dev.mapiagent.protocol.Report;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Accepts reports: schema check, ownership check, idempotent store by reportId, latest state per device. */
public final class IngestService {

    private static final int MAX_SCHEMA_PROBLEMS_SHOWN = 5;

    private final Jdbi jdbi;
    private final Clock clock;
    private final CollectorMetrics metrics;

    public IngestService(Jdbi jdbi, Clock clock, CollectorMetrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Outcome of one report: stored now, or already stored before (same reportId). */
    public record Ingested(String reportId, boolean duplicate) {
    }

    /** Validates and stores a report an agent posted for its own device. */
    public Ingested ingest(String deviceId, JsonNode document) {
        Report report;
        try {
            report = validated(document, deviceId, "report");
        } catch (ApiException rejected) {
            metrics.reportIngested("rejected");
            throw rejected;
        }
        boolean stored;
        try {
            stored = jdbi.inTransaction(h -> store(h, report, document));
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // the same report arrived twice at once (two connections, two collectors): the other one stored it
            stored = false;
        }
        metrics.reportIngested(stored ? "stored" : "duplicate");
        return new Ingested(report.reportId(), !stored);
    }

    /**
     * The document as a report, after the schema check; 400 on a schema violation, 403 when it names another device.
     *
     * @param what how error messages name the document ("report", "before", "after")
     */
    public static Report validated(JsonNode document, String deviceId, String what) {
        List<String> problems = ProtocolSchema.REPORT.validate(document);
        if (!problems.isEmpty()) {
            String shown = problems.stream().limit(MAX_SCHEMA_PROBLEMS_SHOWN).collect(Collectors.joining("; "));
            String more = problems.size() > MAX_SCHEMA_PROBLEMS_SHOWN
                    ? " (and " + (problems.size() - MAX_SCHEMA_PROBLEMS_SHOWN) + " more)" : "";
            throw ApiException.badRequest(what + " does not match the report schema", shown + more);
        }
        Report report;
        try {
            report = ProtocolJson.mapper().treeToValue(document, Report.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest(what + " is not a valid report", e.getMessage().lines().findFirst().orElse(""));
        }
        if (!report.deviceId().equals(deviceId)) {
            throw ApiException.forbidden(what + " is for another device",
                    "this token belongs to device " + deviceId + ", the report names " + report.deviceId());
        }
        return report;
    }

    /**
     * Stores the report in the caller's transaction unless its reportId is already stored; makes it the device's
     * latest state when it is newer than the current one (spooled reports can arrive late and out of order).
     *
     * @return false when the report was already stored
     */
    public boolean store(Handle handle, Report report, JsonNode document) {
        DeviceDao devices = new DeviceDao(handle);
        Instant now = clock.instant();
        List<Finding> findings = report.findings() == null ? List.of() : report.findings();
        boolean inserted = new ReportDao(handle).insertIfAbsent(new ReportDao.StoredReport(report.reportId(),
                report.deviceId(), report.createdAt(), now, report.verdict().name(), report.protocol().name(),
                findings.stream().map(Finding::code).distinct().toList(), document.toString()));
        boolean newest = inserted && devices.setLatestIfNewer(report.deviceId(), new DeviceDao.LatestState(
                report.reportId(), report.createdAt(), report.verdict().name(), report.protocol().name(),
                EndpointHost.of(report).orElse(null), report.hostname(), report.user()), now);
        if (newest) {
            // the device's row is locked by the update above: its findings are replaced by one report at a time
            new FindingDao(handle).replace(report.deviceId(), problemSeverities(findings), report.createdAt());
        } else {
            devices.touch(report.deviceId(), now);
        }
        return inserted;
    }

    /** The problem (error or warning) findings by code, the most severe kept when a code repeats. */
    private static Map<String, String> problemSeverities(List<Finding> findings) {
        Map<String, Finding> worst = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.severity().isProblem()) {
                worst.merge(f.code(), f, (a, b) -> a.severity().compareTo(b.severity()) <= 0 ? a : b);
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        worst.forEach((code, f) -> result.put(code, f.severity().name().toLowerCase(Locale.ROOT)));
        return result;
    }
}
