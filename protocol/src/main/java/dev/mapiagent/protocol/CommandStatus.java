package dev.mapiagent.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Where a remote self-heal command is in its life, as the collector stores and shows it. */
public enum CommandStatus {
    QUEUED("queued"),
    DELIVERED("delivered"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    REFUSED("refused"),
    EXPIRED("expired"),
    CANCELLED("cancelled");

    private final String id;

    CommandStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Queued or delivered: the command may still run, so the device has a command in flight. */
    public boolean inFlight() {
        return this == QUEUED || this == DELIVERED;
    }

    /** The outcomes an agent may report for a delivered command. */
    public boolean isAgentOutcome() {
        return this == SUCCEEDED || this == FAILED || this == REFUSED;
    }

    public static Optional<CommandStatus> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equalsIgnoreCase(id)).findFirst();
    }

    @JsonCreator
    static CommandStatus fromJson(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("unknown command status: " + id));
    }
}
