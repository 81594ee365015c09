package dev.mapiagent.collector.error;

/** The caller's credentials are missing, wrong or expired. */
public final class NotAuthenticatedException extends CollectorException {

    public NotAuthenticatedException(String error) {
        super(error, null);
    }
}
