package dev.mapiagent.outlook.status;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The column headers either dialect uses (KB2737188 lists Outlook's). */
enum Column {
    CID(true, "cid"),
    SMTP_ADDRESS(true, "smtp address"),
    DISPLAY_NAME(true, "display name"),
    PROXY_SERVER(true, "proxy server"),
    SERVER_NAME(false, "server name"),
    STATUS(true, "status"),
    PROTOCOL(false, "protocol"),
    AUTHN(true, "authn"),
    ENCRYPT(true, "encrypt"),
    RPC_PORT(true, "rpcport", "rpc port"),
    TYPE(false, "type"),
    REQ_FAIL(false, "req/fail"),
    AVG_RESP(true, "avg resp"),
    AVG_PROC(true, "avg proc"),
    SESS_TYPE(true, "sess type"),
    INTERFACE(true, "interface"),
    CONN(false, "conn"),
    NOTIF(true, "notif"),
    RPC(true, "rpc"),
    VERSION(true, "version"),
    NETWORK_COST(true, "network cost");

    private static final Map<String, Column> BY_NAME = new HashMap<>();

    static {
        for (Column column : values()) {
            for (String name : column.names) {
                BY_NAME.put(name, column);
            }
        }
    }

    private final boolean outlookOnly;
    private final String[] names;

    Column(boolean outlookOnly, String... names) {
        this.outlookOnly = outlookOnly;
        this.names = names;
    }

    /** True for columns the runbook's table never has, so a header with one is Outlook's dialog. */
    boolean outlookOnly() {
        return outlookOnly;
    }

    /** The column a header cell names, case and spacing ignored; null for a header this parser does not know. */
    static Column named(String headerCell) {
        String name = String.join(" ", headerCell.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        return BY_NAME.get(name);
    }
}
