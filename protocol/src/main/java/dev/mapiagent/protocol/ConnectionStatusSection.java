package dev.mapiagent.protocol;

import java.util.List;

/**
 * A Connection Status table as parsed.
 *
 * @param source     file name or "stdin" or "snapshot"
 * @param dialect    OUTLOOK (the dialog's columns) or RUNBOOK (Server Name | Conn | Type | Protocol | Req/Fail)
 * @param protocol   what the table says Outlook uses
 * @param rows       the rows read
 * @param unreadable rows that could not be read, with their line numbers
 */
public record ConnectionStatusSection(
        String source,
        String dialect,
        MapiProtocol protocol,
        List<ConnectionRow> rows,
        List<UnreadableLine> unreadable) {
}
