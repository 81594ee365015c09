package dev.mapiagent.agent.heal;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where one action of a heal got to. "started" is written before anything changes. */
public enum StepState {
    @JsonProperty("started") STARTED,
    @JsonProperty("applied") APPLIED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("undone") UNDONE
}
