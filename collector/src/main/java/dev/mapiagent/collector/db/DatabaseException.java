package dev.mapiagent.collector.db;

/** The database cannot be used; the message is one line for the operator. */
public class DatabaseException extends RuntimeException {

    public DatabaseException(String message) {
        super(message);
    }
}
