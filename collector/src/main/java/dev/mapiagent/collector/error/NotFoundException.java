package dev.mapiagent.collector.error;

/** The device, command or other thing named does not exist. */
public final class NotFoundException extends CollectorException {

    public NotFoundException(String error, String detail) {
        super(error, detail);
    }
}
