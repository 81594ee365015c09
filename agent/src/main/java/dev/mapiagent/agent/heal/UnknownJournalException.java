package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.host.BadInputException;

/**
 * {@code undo --journal ID} named a journal that does not exist or is not a journal id, or the journal file is not one
 * the agent wrote (not a regular file, too large, not a journal, another heal's id inside): exit 2.
 */
public class UnknownJournalException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public UnknownJournalException(String message) {
        super(message);
    }
}
