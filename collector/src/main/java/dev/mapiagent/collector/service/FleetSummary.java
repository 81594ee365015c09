package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.FleetDao.SilentDevice;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/fleet/summary}: the overview page's figures.
 *
 * @param devices       enrolled devices
 * @param byVerdict     devices by the verdict of their latest report (UNKNOWN also counts those without one)
 * @param byProtocol    devices by protocol: MAPI_HTTP, RPC_HTTP (the fallback), UNKNOWN
 * @param endpoints     the same per MAPI endpoint, the largest first (endpoint null: no report named one)
 * @param incidents     open incidents, server-side first, then unclear, then one-PC ones; at most {@link #MAX_INCIDENTS}
 * @param incidentTotal how many incidents are open in all
 * @param stale         agents that stopped reporting
 */
public record FleetSummary(Instant at, int devices, Map<String, Integer> byVerdict, Map<String, Integer> byProtocol,
                           List<EndpointTotals> endpoints, List<OpenIncident> incidents, int incidentTotal,
                           StaleAgents stale) {

    public static final int MAX_INCIDENTS = 50;

    /** One endpoint's devices. */
    public record EndpointTotals(String endpoint, int devices, Map<String, Integer> byVerdict,
                                 Map<String, Integer> byProtocol) {
    }

    /**
     * An incident as the overview shows it: without its device list (the device list filters by endpoint and
     * finding), with the runbook cause a server-side one points to.
     */
    public record OpenIncident(String endpoint, String code, String severity, int deviceCount, int devicesOnEndpoint,
                               Instant firstSince, FleetService.Side side, String reason, RunbookCause cause) {
    }

    /** Devices without a report for {@code days} days: how many, and the longest silent. */
    public record StaleAgents(long days, int count, List<SilentDevice> devices) {
    }
}
