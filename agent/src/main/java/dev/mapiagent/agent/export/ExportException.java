package dev.mapiagent.agent.export;

/** The snapshot cannot be written where asked (the folder exists and holds files): bad input, exit 2. */
public class ExportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }
}
