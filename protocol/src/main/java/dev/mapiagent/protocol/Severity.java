package dev.mapiagent.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much a finding matters. Only {@code error} and {@code warning} make {@code diagnose} exit 1. */
public enum Severity {
    @JsonProperty("error") ERROR,
    @JsonProperty("warning") WARNING,
    @JsonProperty("info") INFO;

    public boolean isProblem() {
        return this != INFO;
    }
}
