package dev.mapiagent.collector.error;

/** The body is not in a content type or charset that is read. */
public final class UnsupportedContentException extends CollectorException {

    public UnsupportedContentException(String error, String detail) {
        super(error, detail);
    }
}
