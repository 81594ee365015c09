package dev.mapiagent.agent.host;

/** How asking a process to close the way a user would went. */
public enum CloseOutcome {
    /** It exited (also when it had exited by itself before it was asked). */
    CLOSED("closed"),
    /** The process id no longer belongs to that program: nothing was asked of whatever runs there now. */
    NOT_RUNNING("was no longer running"),
    /** It has no Outlook window to send the close to. */
    NO_WINDOW("has no Outlook window to close"),
    /** The agent may not open the process (another user's, or elevated while the agent is not). */
    CANNOT_OPEN("could not be opened by the agent (access denied)"),
    /** Its main window is disabled: a modal dialog (often a password prompt) is open, so no close was sent. */
    DIALOG_OPEN("shows a dialog (its window is disabled, perhaps a password prompt); no close was sent"),
    /** Windows refused to queue the close message. */
    NOT_POSTED("refused the close message"),
    /** The close was sent but the process was still running when the wait ended. */
    TIMED_OUT("did not close in time (perhaps an unsaved item or a dialog)");

    private final String text;

    CloseOutcome(String text) {
        this.text = text;
    }

    /** Lower-case words that follow "Outlook (pid N) ". */
    public String text() {
        return text;
    }
}
