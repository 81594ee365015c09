package dev.mapiagent.agent.cli;

/** Input the user gave cannot be used; printed as one line, exit code 2. */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
