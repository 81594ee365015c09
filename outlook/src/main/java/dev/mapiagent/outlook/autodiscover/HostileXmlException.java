package dev.mapiagent.outlook.autodiscover;

/**
 * The file tries what no Autodiscover response does: a DOCTYPE, entities. It is refused unread;
 * unlike a merely damaged file it is not skipped quietly but reported as bad input.
 */
public class HostileXmlException extends AutodiscoverParseException {

    private static final long serialVersionUID = 1L;

    public HostileXmlException(String message) {
        super(message);
    }
}
