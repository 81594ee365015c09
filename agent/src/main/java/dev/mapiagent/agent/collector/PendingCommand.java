package dev.mapiagent.agent.collector;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command from {@code GET /api/v1/commands}, read leniently: actions stay text so that an action this
 * agent does not know is refused by name instead of failing the whole batch.
 *
 * @param expiresAt null when the collector gave none
 */
public record PendingCommand(String commandId, List<String> actions, Instant expiresAt) {

    /** Letters, digits, '-' and '_' (the collector's ids are UUIDs): safe in a URL path, a file and a log line. */
    private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public PendingCommand {
        actions = List.copyOf(actions);
    }

    /** A command with any other id is refused whole: its result could not be addressed, nor its id logged as is. */
    public boolean hasWellFormedId() {
        return commandId != null && WELL_FORMED_ID.matcher(commandId).matches();
    }

    /** The id as it may be shown in a log: control characters replaced, cut at 80 characters. */
    public String shownId() {
        String id = commandId == null ? "(none)" : commandId.replaceAll("\\p{Cntrl}", "?");
        return id.length() > 80 ? id.substring(0, 80) + "..." : id;
    }
}
