package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.StateFolder;
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

    /** Outlook gets this long to close by itself before restart-outlook gives up. */
    public static final Duration OUTLOOK_CLOSE_WAIT = Duration.ofSeconds(60);

    /** The context on this host with its own state folder and the default wait. */
    public static HealContext of(Host host, List<String> credentialPrefixes) {
        return new HealContext(host, stateFolderOf(host), credentialPrefixes, OUTLOOK_CLOSE_WAIT);
    }

    public static Path stateFolderOf(Host host) {
        return StateFolder.in(host.localAppData());
    }
}
