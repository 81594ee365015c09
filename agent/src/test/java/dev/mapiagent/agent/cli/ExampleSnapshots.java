package dev.mapiagent.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The demo snapshots in the repository's examples/ folder, which the tests also use. */
public final class ExampleSnapshots {

    private ExampleSnapshots() {
    }

    public static Path path(String name) {
        Path dir = Path.of("..", "examples", name).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("example snapshot missing: " + dir);
        }
        return dir;
    }

    static String arg(String name) {
        return path(name).toString();
    }
}
