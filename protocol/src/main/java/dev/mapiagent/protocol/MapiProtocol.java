package dev.mapiagent.protocol;

/** The transport Outlook uses to reach Exchange. */
public enum MapiProtocol {
    /** MAPI over HTTP; Outlook's dialog calls it {@code HTTP}. */
    MAPI_HTTP,
    /** RPC over HTTP (Outlook Anywhere), the fallback. */
    RPC_HTTP,
    UNKNOWN
}
