package dev.mapiagent.outlook.status;

import dev.mapiagent.protocol.MapiProtocol;
import java.util.Locale;

/** The two ways a Connection Status table is written; they disagree on what {@code HTTP} means. */
public enum Dialect {
    /** Outlook's own dialog: Protocol {@code HTTP} is MAPI over HTTP, the row state is in {@code Status}. */
    OUTLOOK(MapiProtocol.MAPI_HTTP, Column.STATUS),
    /** The runbook's table: Protocol {@code HTTP} is the RPC over HTTP fallback, the row state is in {@code Conn}. */
    RUNBOOK(MapiProtocol.RPC_HTTP, Column.CONN);

    private final MapiProtocol plainHttp;
    private final Column stateColumn;

    Dialect(MapiProtocol plainHttp, Column stateColumn) {
        this.plainHttp = plainHttp;
        this.stateColumn = stateColumn;
    }

    /** {@code MAPI/HTTP} and {@code RPC/HTTP} mean the same in both dialects; only a bare {@code HTTP} differs. */
    public MapiProtocol protocolOf(String protocolCell) {
        if (protocolCell == null) {
            return MapiProtocol.UNKNOWN;
        }
        return switch (protocolCell.strip().toUpperCase(Locale.ROOT)) {
            case "MAPI/HTTP" -> MapiProtocol.MAPI_HTTP;
            case "RPC/HTTP" -> MapiProtocol.RPC_HTTP;
            case "HTTP" -> plainHttp;
            default -> MapiProtocol.UNKNOWN;
        };
    }

    Column stateColumn() {
        return stateColumn;
    }
}
