package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.List;

/** One stored report in a device's history, without its body. */
public record ReportSummary(
        String reportId,
        Instant createdAt,
        Instant receivedAt,
        String verdict,
        String protocol,
        List<String> findingCodes) {
}
