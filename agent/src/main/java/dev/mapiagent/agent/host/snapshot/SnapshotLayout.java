package dev.mapiagent.agent.host.snapshot;

/**
 * The files of a snapshot folder (DESIGN.md §3), as {@code snapshot --out} writes them and {@link SnapshotHost} reads
 * them. Each is optional.
 */
public final class SnapshotLayout {

    /** The registry keys the agent reads, in {@code regedit /e} format. */
    public static final String REGISTRY_FILE = "registry.reg";
    /** The stored credentials' names and types, never their secrets. */
    public static final String CREDENTIALS_FILE = "credentials.json";
    /** The running processes, with an optional image path. */
    public static final String PROCESSES_FILE = "processes.json";
    /** Outlook's Connection Status table as text. */
    public static final String CONNECTION_STATUS_FILE = "connection-status.txt";
    /** The version resources of the files the agent checks. */
    public static final String FILES_FILE = "files.json";
    /** The Windows edition's session facts: suite mask and product type (multi-session hosts). */
    public static final String WINDOWS_FILE = "windows.json";
    /** The user's %LOCALAPPDATA%: the Autodiscover cache, and the agent's own state folder. */
    public static final String LOCAL_APP_DATA = "LocalAppData";

    private SnapshotLayout() {
    }
}
