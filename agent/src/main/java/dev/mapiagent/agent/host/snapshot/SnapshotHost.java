package dev.mapiagent.agent.host.snapshot;

import dev.mapiagent.agent.host.AgentLogFile;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.CredentialVault;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.agent.host.FileEventLog;
import dev.mapiagent.agent.host.FileVersions;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.Processes;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.WindowsEdition;
import dev.mapiagent.agent.host.snapshot.regfile.RegFile;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotFiles;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * A host read from a snapshot directory (DESIGN.md section 3): registry.reg, credentials.json,
 * processes.json, files.json, connection-status.txt and LocalAppData/. Every file but the folder itself is
 * optional. All files are read when the host is opened, so bad input is reported before any work.
 */
public final class SnapshotHost implements Host {

    private final Path directory;
    private final SnapshotRegistry registry;
    private final SnapshotCredentials credentials;
    private final SnapshotProcesses processes;
    private final SnapshotFileVersions fileVersions;
    private final Optional<String> connectionStatus;
    private final String deviceId;
    private final EventLog eventLog;
    private final Optional<WindowsEdition> windowsEdition;

    private SnapshotHost(Path directory) {
        this.directory = directory;
        Path registryFile = directory.resolve(SnapshotLayout.REGISTRY_FILE);
        this.registry = new SnapshotRegistry(registryFile,
                Files.exists(registryFile) ? RegFile.read(registryFile) : RegFile.empty());
        this.credentials = SnapshotCredentials.read(directory.resolve(SnapshotLayout.CREDENTIALS_FILE));
        this.processes = SnapshotProcesses.read(directory.resolve(SnapshotLayout.PROCESSES_FILE));
        this.fileVersions = SnapshotFileVersions.read(directory.resolve(SnapshotLayout.FILES_FILE));
        this.connectionStatus = readText(directory.resolve(SnapshotLayout.CONNECTION_STATUS_FILE));
        this.windowsEdition = SnapshotWindowsEdition.read(directory.resolve(SnapshotLayout.WINDOWS_FILE));
        this.eventLog = new FileEventLog(AgentLogFile.of(directory.resolve(SnapshotLayout.LOCAL_APP_DATA), Clock.systemUTC()));
        this.deviceId = registry.string(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\Cryptography", "MachineGuid")
                .filter(guid -> !guid.isBlank())
                .orElseGet(() -> UUID.nameUUIDFromBytes(canonical(directory).getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** Opens a snapshot; a missing folder or a malformed file gives a one-line BadSnapshotException. */
    public static SnapshotHost open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new BadSnapshotException("snapshot folder not found: " + directory);
        }
        return new SnapshotHost(directory);
    }

    @Override
    public Registry registry() {
        return registry;
    }

    @Override
    public CredentialVault credentials() {
        return credentials;
    }

    @Override
    public Processes processes() {
        return processes;
    }

    @Override
    public FileVersions fileVersions() {
        return fileVersions;
    }

    /** No Windows event log here: the records go to the snapshot's agent log. */
    @Override
    public EventLog eventLog() {
        return eventLog;
    }

    @Override
    public Optional<WindowsEdition> windowsEdition() {
        return windowsEdition;
    }

    @Override
    public Path localAppData() {
        return directory.resolve(SnapshotLayout.LOCAL_APP_DATA);
    }

    @Override
    public Optional<String> connectionStatusText() {
        return connectionStatus;
    }

    /** MachineGuid when the snapshot has it, else an id derived from the folder, stable across runs. */
    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public String hostname() {
        return registry.string(Hive.HKEY_LOCAL_MACHINE,
                        "SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName", "ComputerName")
                .filter(name -> !name.isBlank())
                .orElseGet(() -> folderName(directory));
    }

    @Override
    public String userName() {
        return registry.string(Hive.HKEY_CURRENT_USER, "Volatile Environment", "USERNAME")
                .filter(name -> !name.isBlank())
                .orElse("unknown");
    }

    @Override
    public String describe() {
        return "snapshot " + directory;
    }

    private static Optional<String> readText(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(SnapshotText.decode(SnapshotFiles.read(file), file.toString()).text());
    }

    private static String canonical(Path directory) {
        try {
            return directory.toRealPath().toString();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize().toString();
        }
    }

    private static String folderName(Path directory) {
        Path name = directory.toAbsolutePath().normalize().getFileName();
        return name == null ? directory.toString() : name.toString();
    }
}
