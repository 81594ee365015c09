package dev.mapiagent.outlook.status;

import dev.mapiagent.protocol.ConnectionRow;
import java.util.Locale;
import java.util.Set;

/** Reads one split row as a {@link ConnectionRow} in its table's dialect. */
final class RowReader {

    private static final Set<String> CONNECTED = Set.of("established", "connected", "ok");
    /**
     * "Connecting" counts as not connected: the text is a snapshot, and at that moment the connection
     * carried nothing. German Outlook names these states "Getrennt" and "Verbindungsversuch"
     * (docs/outlook-facts.md, "Localized tables"). Texts in neither set (other languages, new Outlook
     * wording) leave the state unknown.
     */
    private static final Set<String> NOT_CONNECTED = Set.of(
            "disc", "disconnected", "connecting", "reconnecting", "trying to connect", "failed", "offline", "closed",
            "getrennt", "verbindungsversuch");
    /** Enough for any count Outlook shows, and no overflow. */
    private static final int MAX_DIGITS = 9;
    private static final int MAX_SHOWN = 40;

    private RowReader() {
    }

    /**
     * The host Outlook talks HTTP to: over RPC/HTTP that is the Proxy Server, while "Server name"
     * holds the mailbox GUID Exchange 2013+ uses as an RPC server; over MAPI/HTTP the Proxy Server is
     * empty and "Server name" is the host.
     */
    private static String serverOf(RawRow row) {
        String proxy = row.cell(Column.PROXY_SERVER);
        return proxy != null ? proxy : row.cell(Column.SERVER_NAME);
    }

    static ConnectionRow read(RawRow row, Dialect dialect) throws UnreadableRow {
        String server = serverOf(row);
        if (server == null) {
            throw new UnreadableRow("no server name");
        }
        String protocol = row.cell(Column.PROTOCOL);
        if (protocol == null) {
            throw new UnreadableRow("no protocol");
        }
        String reqFail = row.cell(Column.REQ_FAIL);
        Integer requests = null;
        Integer failures = null;
        if (reqFail != null) {
            int slash = reqFail.indexOf('/');
            if (slash < 0) {
                throw badReqFail(reqFail);
            }
            requests = count(reqFail.substring(0, slash), reqFail);
            failures = count(reqFail.substring(slash + 1), reqFail);
        }
        String state = row.cell(dialect.stateColumn());
        return new ConnectionRow(row.line().number(), server, row.cell(Column.SMTP_ADDRESS), row.cell(Column.TYPE),
                protocol, dialect.protocolOf(protocol), state, connected(state), requests, failures,
                row.cell(Column.AUTHN));
    }

    /** True, false, or null when the table does not say (no state column, or a state text not known here). */
    static Boolean connected(String state) {
        if (state == null) {
            return null;
        }
        String normalized = withoutTrailingDots(state.strip().toLowerCase(Locale.ROOT));
        if (CONNECTED.contains(normalized)) {
            return Boolean.TRUE;
        }
        return NOT_CONNECTED.contains(normalized) ? Boolean.FALSE : null;
    }

    /** Outlook writes progress as "Connecting..." or "Connecting…". */
    private static String withoutTrailingDots(String state) {
        int end = state.length();
        while (end > 0 && (state.charAt(end - 1) == '.' || state.charAt(end - 1) == '…')) {
            end--;
        }
        return state.substring(0, end);
    }

    private static int count(String digits, String reqFail) throws UnreadableRow {
        String trimmed = digits.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_DIGITS || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw badReqFail(reqFail);
        }
        return Integer.parseInt(trimmed);
    }

    private static UnreadableRow badReqFail(String reqFail) {
        String shown = reqFail.length() > MAX_SHOWN ? reqFail.substring(0, MAX_SHOWN) + "…" : reqFail;
        return new UnreadableRow("Req/Fail \"" + shown + "\" is not requests/failures like 45/0");
    }
}
