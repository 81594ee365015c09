package dev.mapiagent.protocol;

/**
 * The exit-code contract of the agent (DESIGN.md §4), for its commands and for a command result's {@code exitCode};
 * Intune Remediations reads 0 and 1.
 */
public final class ExitCode {

    /** No problem found, or done. */
    public static final int OK = 0;
    /** Problems found (diagnose) or a remedy failed (heal). */
    public static final int PROBLEMS = 1;
    /** Bad input or usage; one line on stderr says why. */
    public static final int BAD_INPUT = 2;
    /** The agent itself failed. */
    public static final int AGENT_FAILURE = 3;

    private ExitCode() {
    }
}
