package dev.mapiagent.protocol;

/**
 * One row of Outlook's Connection Status table, normalised across both dialects.
 *
 * @param line         1-based line number in the source text
 * @param server       server name (or proxy server when no server column exists)
 * @param smtpAddress  mailbox address, when shown
 * @param type         Mail, Directory, Public, ...
 * @param protocolText the Protocol cell as shown
 * @param protocol     what that cell means in this dialect
 * @param status       Established, Connecting, Disconnected, OK, Disc, ...
 * @param connected    false when the row shows a lost connection, null when the table does not say
 * @param requests     first number of Req/Fail, or null
 * @param failures     second number of Req/Fail, or null
 * @param authn        the Authn cell (Bearer*, Nego*, Clear [Anonymous], ...)
 */
public record ConnectionRow(
        int line,
        String server,
        String smtpAddress,
        String type,
        String protocolText,
        MapiProtocol protocol,
        String status,
        Boolean connected,
        Integer requests,
        Integer failures,
        String authn) {
}
