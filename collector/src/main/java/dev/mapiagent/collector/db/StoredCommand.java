package dev.mapiagent.collector.db;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.mapiagent.protocol.Command;

/** A command as the helpdesk sees it: the protocol command plus the reports its result pointed to. */
public record StoredCommand(@JsonUnwrapped Command command, String beforeReportId, String afterReportId) {
}
