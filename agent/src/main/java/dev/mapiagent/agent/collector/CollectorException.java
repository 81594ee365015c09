package dev.mapiagent.agent.collector;

/**
 * The collector did not take an item now: keep it and try again later. {@link #kind()} says whose problem it is, which
 * decides how the spool treats the item.
 */
public class CollectorException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why nothing was delivered. */
    public enum Kind {
        /** Unreachable, overloaded, a gateway error (502/503/504), TLS refused, enrollment refused: nothing to do with the item. */
        UNAVAILABLE,
        /**
         * The collector failed on this item (500 and other 5xx but 502/503/504). Repeated, the item is poison: the spool sets
         * it aside so that the items behind it flow.
         */
        ITEM_FAILED,
        /**
         * The answer did not come from the collector's API: a redirect (3xx) or 404 for a report, as a misconfigured
         * proxy or a wrong CollectorUrl gives. Not a rejection: the item is kept.
         */
        MISCONFIGURED
    }

    private final Kind kind;

    public CollectorException(String message) {
        this(Kind.UNAVAILABLE, message);
    }

    public CollectorException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CollectorException(String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.UNAVAILABLE;
    }

    public Kind kind() {
        return kind;
    }
}
