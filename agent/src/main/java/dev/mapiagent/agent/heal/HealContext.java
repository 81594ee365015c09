package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.host.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every remedy works with.
 *
 * @param stateFolder        the agent's folder (LocalAppData/MapiAgent): journals, quarantine, logs
 * @param credentialPrefixes the targets clear-office-credentials may delete
 * @param outlookCloseWait   how long restart-outlook waits for Outlook to close by itself
 */
public record HealContext(Host host, Path stateFolder, List<String> credentialPrefixes, Duration outlookCloseWait) {

    public static Path stateFolderOf(Host host) {
        return host.localAppData().resolve("MapiAgent");
    }
}
