package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.db.ReportSummary;
import dev.mapiagent.collector.db.StoredCommand;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/devices/{deviceId}}: the device, its latest report as sent, its history and its commands. */
public record DeviceDetail(
        String deviceId,
        String hostname,
        String user,
        String verdict,
        String protocol,
        Instant lastSeen,
        Instant enrolledAt,
        String endpointHost,
        JsonNode latest,
        List<ReportSummary> reports,
        List<StoredCommand> commands) {
}
