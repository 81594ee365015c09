package dev.mapiagent.agent.startup;

/**
 * The archive option reached the JVM mangled, so no JVM can find the archive it names: java.exe turns
 * its UTF-16 command line into the PC's ANSI code page, and a character outside it (a user "Зоя" on a
 * Western code page, "Zoë" on a Cyrillic one) becomes '?' (JDK-8124977, JDK-8368853 "Won't Fix"). The
 * message is one line for the agent log.
 */
public class UnreachableArchiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnreachableArchiveException(String message) {
        super(message);
    }
}
