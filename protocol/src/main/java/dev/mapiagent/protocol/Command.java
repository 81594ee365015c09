package dev.mapiagent.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A remote self-heal command: what a helpdesk user asked one device to do, and what became of it.
 * The agent receives it from {@code GET /api/v1/commands} and answers with a {@link CommandResult}.
 *
 * @param commandId   collector-assigned id
 * @param deviceId    the device that must run it
 * @param actions     the heal actions to apply, in order
 * @param status      where the command is in its life
 * @param requestedBy the helpdesk user who queued it
 * @param createdAt   when it was queued
 * @param expiresAt   after this the agent must not start it and the collector marks it expired
 * @param deliveredAt when an agent fetched it, or null
 * @param finishedAt  when it reached a final status, or null
 * @param exitCode    the agent's heal exit code, or null
 * @param message     the agent's one-line outcome, or null
 */
public record Command(
        String commandId,
        String deviceId,
        List<HealAction> actions,
        CommandStatus status,
        String requestedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant deliveredAt,
        Instant finishedAt,
        Integer exitCode,
        String message) {
}
