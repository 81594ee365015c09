package dev.mapiagent.collector.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fleet's figures as the metrics expose them, computed together at one time (not per scrape). Every map has a
 * small, fixed set of keys, so the gauges have low cardinality.
 *
 * @param at               when they were computed (epoch for figures never computed)
 * @param byVerdict        devices by the verdict of their latest report (UNKNOWN: none yet)
 * @param byProtocol       devices by protocol of their latest report
 * @param endpoints        devices per endpoint, verdict and protocol; endpoints beyond the largest few are "other",
 *                         devices whose reports named none are "none"
 * @param byFinding        devices whose latest report has each finding code
 * @param incidentsBySide  open incidents by side: server, client, unclear
 * @param silentByDays     devices not heard from for at least each number of days
 * @param commandsByStatus self-heal commands by status
 */
public record FleetFigures(Instant at, Map<String, Integer> byVerdict, Map<String, Integer> byProtocol,
                           List<EndpointDevices> endpoints, Map<String, Integer> byFinding,
                           Map<String, Integer> incidentsBySide, Map<Integer, Integer> silentByDays,
                           Map<String, Integer> commandsByStatus) {

    /** Figures before the first computation: every gauge reads zero. */
    public static FleetFigures none() {
        return new FleetFigures(Instant.EPOCH, Map.of(), Map.of(), List.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Devices of one endpoint label with one verdict and protocol. */
    public record EndpointDevices(String endpoint, String verdict, String protocol, int devices) {
    }
}
