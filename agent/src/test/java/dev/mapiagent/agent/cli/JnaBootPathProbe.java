package dev.mapiagent.agent.cli;

import java.nio.file.Path;
import java.util.Optional;

/** Run in its own JVM by JnaBootPathTest: points JNA at the folder of the jar given, loads JNA, prints where from. */
public final class JnaBootPathProbe {

    private JnaBootPathProbe() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        JnaBootPath.useFolderOf(Optional.of(Path.of(args[0])), System.getProperties());
        // Initialising JNA's Native class loads the dispatch library, as the agent's first Win32 call does.
        Class.forName("com.sun.jna.Native", true, JnaBootPathProbe.class.getClassLoader());
        System.out.println(System.getProperty("jnidispatch.path"));
    }
}
