package dev.mapiagent.collector.db;

import java.time.Instant;

/**
 * Which devices a list or an export covers; every null field matches all devices.
 *
 * @param verdict       latest verdict name ({@code UNKNOWN} also matches devices without a report)
 * @param protocol      latest protocol name
 * @param finding       a finding code the device's latest report shows as a problem
 * @param endpoint      the MAPI endpoint host of the latest report
 * @param officeVersion the Outlook version starts with this ("16.0.17029")
 * @param officeChannel the Office update channel, exactly ("Current Channel")
 * @param search        contained in the device id, host name or user (case-insensitive)
 * @param seenBefore    last contact before this instant
 * @param seenAfter     last contact at or after this instant
 */
public record DeviceFilter(String verdict, String protocol, String finding, String endpoint, String officeVersion,
                           String officeChannel, String search, Instant seenBefore, Instant seenAfter) {
}
