package dev.mapiagent.agent.host;

import java.nio.file.Path;

/**
 * The agent's own folder, {@code %LOCALAPPDATA%\MapiAgent}, and what it holds. Each entry belongs to the class named
 * beside it; this is the one list of them.
 */
public final class StateFolder {

    /** The folder's name under %LOCALAPPDATA%. */
    public static final String NAME = "MapiAgent";
    /** Heal journals, one file each (JournalStore). */
    public static final String JOURNAL = "journal";
    /** Autodiscover cache files a heal moved aside, one folder per journal (ResetAutodiscoverCache). */
    public static final String QUARANTINE = "quarantine";
    /** Reports and command results waiting for the collector (Spool). */
    public static final String SPOOL = "spool";
    /** Spool items the collector refused for good, inside the spool folder (Spool). */
    public static final String SPOOL_SET_ASIDE = "set-aside";
    /** The device token, protected with DPAPI (TokenStore). */
    public static final String TOKEN = "agent-token";
    /** The device's EC P-256 key pair that binds it at the collector, protected like the token (DeviceKeyStore). */
    public static final String DEVICE_KEY = "device-key";
    /** The results of the commands already run, kept for redeliveries (FinishedCommands). */
    public static final String FINISHED_COMMANDS = "finished-commands.json";
    /** Held while the logon mode runs, one instance per user (SingleInstance). */
    public static final String LOCK = "run.lock";
    /** The run log (AgentLogFile). */
    public static final Path LOG = Path.of("logs", "agent.log");

    private StateFolder() {
    }

    /** The state folder under the given %LOCALAPPDATA%. */
    public static Path in(Path localAppData) {
        return localAppData.resolve(NAME);
    }
}
