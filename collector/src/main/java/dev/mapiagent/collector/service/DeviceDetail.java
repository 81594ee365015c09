package dev.mapiagent.collector.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.db.DeviceSummary;
import dev.mapiagent.collector.db.ReportSummary;
import dev.mapiagent.collector.db.StoredCommand;
import java.util.List;

/**
 * {@code GET /api/v1/devices/{deviceId}}: the device, its latest report as sent, its history and its commands. The
 * device's fields come first, as in the device list; its latest report is there whole, so not its id.
 *
 * @param clockSkewSeconds how far the device's clock is off the collector's (positive: ahead) when that is more than
 *                         the allowed skew ({@code --max-clock-skew-minutes}), else null
 */
public record DeviceDetail(
        @JsonUnwrapped @JsonIgnoreProperties("latestReportId") DeviceSummary device,
        JsonNode latest,
        List<ReportSummary> reports,
        List<StoredCommand> commands,
        Long clockSkewSeconds) {
}
