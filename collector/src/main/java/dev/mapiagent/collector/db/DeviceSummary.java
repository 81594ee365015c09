package dev.mapiagent.collector.db;

import java.time.Instant;

/**
 * A device and its latest state, as the device list shows it.
 *
 * @param verdict      latest verdict, null before the first report
 * @param protocol     latest protocol, null before the first report
 * @param lastSeen     when the device last reported (or enrolled)
 * @param endpointHost the MAPI endpoint host its latest report names, or null
 * @param officeVersion  the Outlook version of the latest report, or null
 * @param officeChannel  the Office update channel of the latest report, or null
 */
public record DeviceSummary(
        String deviceId,
        String hostname,
        String user,
        String verdict,
        String protocol,
        Instant lastSeen,
        Instant enrolledAt,
        String endpointHost,
        String latestReportId,
        String officeVersion,
        String officeChannel) {
}
