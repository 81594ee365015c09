package dev.mapiagent.protocol;

/** A line of a Connection Status table that could not be read as a row. */
public record UnreadableLine(int line, String text, String reason) {
}
