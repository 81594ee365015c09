package dev.mapiagent.agent.report;

import java.time.Instant;
import java.util.List;

/**
 * A command from {@code GET /api/v1/commands}, read leniently: actions stay text so that an action this
 * agent does not know is refused by name instead of failing the whole batch.
 *
 * @param expiresAt null when the collector gave none
 */
public record PendingCommand(String commandId, List<String> actions, Instant expiresAt) {

    public PendingCommand {
        actions = List.copyOf(actions);
    }
}
