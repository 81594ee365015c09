package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.host.BadInputException;

/**
 * A path a heal or an undo would act on lies outside the folders the remedy owns, or reaches them through a link
 * (symbolic link or junction): refused before anything changes, exit 2.
 */
public class UnsafePathException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public UnsafePathException(String message) {
        super(message);
    }
}
