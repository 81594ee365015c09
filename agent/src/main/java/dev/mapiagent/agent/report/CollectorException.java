package dev.mapiagent.agent.report;

/**
 * The collector cannot take anything now (unreachable, overloaded, TLS refused, enrollment refused):
 * keep what was not sent and try again later.
 */
public class CollectorException extends Exception {

    private static final long serialVersionUID = 1L;

    public CollectorException(String message) {
        super(message);
    }

    public CollectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
