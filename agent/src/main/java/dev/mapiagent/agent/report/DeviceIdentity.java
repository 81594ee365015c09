package dev.mapiagent.agent.report;

/** Who the agent says it is when it enrolls. */
public record DeviceIdentity(String deviceId, String hostname, String user) {
}
