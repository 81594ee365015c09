package dev.mapiagent.collector.db;

import java.time.Instant;

/** Who did what, when, to which device. {@code actor} is a user name or {@code device:<id>} or {@code collector}. */
public record AuditEntry(long id, Instant at, String actor, String action, String deviceId, String detail) {
}
