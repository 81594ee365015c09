package dev.mapiagent.collector.db;

import java.time.Instant;

/** A helpdesk account as stored; the password only as its bcrypt hash. */
public record UserRecord(String username, String passwordHash, String role, Instant createdAt) {
}
