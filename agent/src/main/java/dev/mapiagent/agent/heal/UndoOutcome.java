package dev.mapiagent.agent.heal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mapiagent.protocol.HealAction;

/** What undo did for one action, and in words what was put back or why it cannot be. */
public record UndoOutcome(HealAction action, Status status, String message) {

    public enum Status {
        /** The change was reverted. */
        @JsonProperty("restored") RESTORED,
        /** Nothing can bring it back (deleted credentials, a restart); said plainly. */
        @JsonProperty("not-possible") NOT_POSSIBLE,
        /** Part of it could not be put back without overwriting something newer. */
        @JsonProperty("partial") PARTIAL
    }
}
