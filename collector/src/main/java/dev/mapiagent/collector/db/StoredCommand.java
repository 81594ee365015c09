package dev.mapiagent.collector.db;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.mapiagent.protocol.Command;
import dev.mapiagent.protocol.CommandStatus;
import java.util.Objects;

/**
 * A command as the helpdesk sees it: the protocol command plus the reports its result pointed to and how many
 * times it was handed to the device (more than 1 when an answer carrying it was lost and it was redelivered).
 */
public record StoredCommand(@JsonUnwrapped Command command, String beforeReportId, String afterReportId,
                            int deliveryAttempts) {

    /** True when this exact agent result is already recorded for the command. */
    public boolean sameResult(CommandStatus status, int exitCode, String message, String beforeReport, String afterReport) {
        return command.status() == status && status.isAgentOutcome()
                && Objects.equals(command.exitCode(), exitCode) && Objects.equals(command.message(), message)
                && Objects.equals(beforeReportId, beforeReport) && Objects.equals(afterReportId, afterReport);
    }
}
