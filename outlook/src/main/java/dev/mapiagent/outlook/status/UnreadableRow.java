package dev.mapiagent.outlook.status;

/** A line inside a table that is not a readable row; it becomes an {@code UnreadableLine}, never an error. */
final class UnreadableRow extends Exception {

    private static final long serialVersionUID = 1L;

    UnreadableRow(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
