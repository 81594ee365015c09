package dev.mapiagent.protocol;

import java.util.Objects;

/**
 * One thing the agent saw. {@code evidence} names where it saw it (registry path and value, file,
 * table row); {@code remedy} is the heal action id that fixes it, or null.
 */
public record Finding(String code, Severity severity, String message, String evidence, String remedy) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Finding of(FindingCode code, Severity severity, String message, String evidence) {
        HealAction remedy = code.remedy();
        return new Finding(code.name(), severity, message, evidence, remedy == null ? null : remedy.id());
    }

    /** The same finding with a different remedy; connection findings take the remedy of their cause. */
    public Finding withRemedy(HealAction action) {
        return new Finding(code, severity, message, evidence, action == null ? null : action.id());
    }
}
