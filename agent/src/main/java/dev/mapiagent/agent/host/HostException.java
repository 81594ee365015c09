package dev.mapiagent.agent.host;

/** The host could not be read or written; the message is one line a helpdesk can act on. */
public class HostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
