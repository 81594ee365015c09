package dev.mapiagent.agent.collector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One thing waiting to be sent: a report, or the result of a command.
 *
 * @param commandId the command a result answers, null for a report
 * @param body      the JSON document to post
 */
public record SpoolItem(Kind kind, String commandId, JsonNode body) {

    public enum Kind { REPORT, RESULT }

    public SpoolItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        if ((kind == Kind.RESULT) != (commandId != null)) {
            throw new IllegalArgumentException("a result, and only a result, names its command");
        }
    }

    public static SpoolItem report(JsonNode report) {
        return new SpoolItem(Kind.REPORT, null, report);
    }

    public static SpoolItem result(String commandId, JsonNode result) {
        return new SpoolItem(Kind.RESULT, commandId, result);
    }
}
