package dev.mapiagent.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the JSON config file is when {@code --config} does not name one: {@code <snapshot>/agent.json} in
 * snapshot mode, else {@code %ProgramData%\MapiAgent\agent.json}; used only when it exists.
 */
public final class ConfigFiles {

    public static final String FILE_NAME = "agent.json";

    private ConfigFiles() {
    }

    public static Optional<Path> resolve(Path explicitOrNull, Path snapshotOrNull, Optional<String> programData) {
        if (explicitOrNull != null) {
            return Optional.of(explicitOrNull);
        }
        Optional<Path> standard = snapshotOrNull != null
                ? Optional.of(snapshotOrNull.resolve(FILE_NAME))
                : programData.filter(p -> !p.isBlank()).map(p -> Path.of(p, "MapiAgent", FILE_NAME));
        return standard.filter(Files::isRegularFile);
    }
}
