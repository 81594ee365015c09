package dev.mapiagent.collector.error;

/** The caller is known but may not do this (wrong role, enrollment closed, another device's report). */
public final class RefusedException extends CollectorException {

    public RefusedException(String error, String detail) {
        super(error, detail);
    }
}
