package dev.mapiagent.agent.collector;

/** Who the agent says it is when it enrolls. */
public record DeviceIdentity(String deviceId, String hostname, String user) {
}
