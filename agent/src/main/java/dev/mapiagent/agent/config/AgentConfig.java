package dev.mapiagent.agent.config;

import dev.mapiagent.protocol.HealAction;
import java.time.Duration;
import java.util.Set;

/**
 * The agent's effective settings, after every source is merged ({@link ConfigLoader}).
 *
 * @param collectorUrl           where reports go; empty when not configured
 * @param enrollSecret           presented once to enroll; empty when not configured (never logged)
 * @param collectorCaCertificate path of a PEM file pinning the collector's CA; empty = the system's trust
 * @param autoHealActions        what the agent heals by itself at logon (default none)
 * @param allowedRemoteActions   what the helpdesk may trigger remotely
 * @param startDelayMax          upper bound of the random wait before the first diagnosis
 * @param pollInterval           time between two polls for commands (jitter is added)
 * @param stayResident           keep polling after the first cycle
 * @param probeEndpoints         also probe the Exchange MAPI endpoints during diagnosis
 */
public record AgentConfig(
        String collectorUrl,
        String enrollSecret,
        String collectorCaCertificate,
        Set<HealAction> autoHealActions,
        Set<HealAction> allowedRemoteActions,
        Duration startDelayMax,
        Duration pollInterval,
        boolean stayResident,
        boolean probeEndpoints) {

    public AgentConfig {
        autoHealActions = Set.copyOf(autoHealActions);
        allowedRemoteActions = Set.copyOf(allowedRemoteActions);
    }

    @Override
    public String toString() {
        return "AgentConfig[collectorUrl=" + collectorUrl + ", enrollSecret=" + (enrollSecret.isEmpty() ? "unset" : "set")
                + ", collectorCaCertificate=" + collectorCaCertificate + ", autoHealActions=" + autoHealActions
                + ", allowedRemoteActions=" + allowedRemoteActions + ", startDelayMax=" + startDelayMax
                + ", pollInterval=" + pollInterval + ", stayResident=" + stayResident
                + ", probeEndpoints=" + probeEndpoints + "]";
    }
}
