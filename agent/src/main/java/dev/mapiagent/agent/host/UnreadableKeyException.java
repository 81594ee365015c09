package dev.mapiagent.agent.host;

/**
 * A registry key exists but this user may not read it: what it holds is unknown, which is not the same
 * as "not set" (a diagnosis must not call a value absent that it could not see).
 */
public class UnreadableKeyException extends HostException {

    private static final long serialVersionUID = 1L;

    public UnreadableKeyException(String message) {
        super(message);
    }
}
