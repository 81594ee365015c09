package dev.mapiagent.collector.error;

/** The collector is stopping and takes no new work; the caller may try again (another collector, or this one restarted). */
public final class ShuttingDownException extends CollectorException {

    public ShuttingDownException(String error, int retryAfterSeconds) {
        super(error, "try again in " + retryAfterSeconds + " s", retryAfterSeconds);
    }
}
