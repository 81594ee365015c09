package dev.mapiagent.agent.heal;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A heal is in progress until it completes; an interrupted one stays in progress, and undo still reads it. */
public enum JournalState {
    @JsonProperty("in-progress") IN_PROGRESS,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("undone") UNDONE
}
