package dev.mapiagent.collector.error;

/** A service the collector needs (the company directory, the OpenID provider) did not answer; the caller may retry. */
public final class UnavailableException extends CollectorException {

    public UnavailableException(String error, String detail) {
        super(error, detail);
    }
}
