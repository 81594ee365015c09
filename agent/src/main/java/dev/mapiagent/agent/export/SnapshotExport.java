package dev.mapiagent.agent.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mapiagent.agent.diagnosis.evidence.AutodiscoverCacheReader;
import dev.mapiagent.agent.diagnosis.evidence.OutlookDetector;
import dev.mapiagent.agent.host.BadInputException;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.agent.host.UnreadableKeyException;
import dev.mapiagent.agent.host.snapshot.SnapshotLayout;
import dev.mapiagent.agent.host.snapshot.SnapshotWindowsEdition;
import dev.mapiagent.agent.host.snapshot.regfile.MemoryRegistry;
import dev.mapiagent.agent.host.snapshot.regfile.RegFile;
import dev.mapiagent.agent.host.snapshot.regfile.RegFormat;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a host snapshot (DESIGN.md §3) of a host: the registry keys the agent reads, Office's
 * cached logons (names only), Outlook's processes, the version of each MSI OUTLOOK.EXE, the Autodiscover cache and, when given, a
 * Connection Status table. The folder appears whole or not at all.
 */
public final class SnapshotExport {

    /** A registry branch larger than this is cut: the agent's keys are small, a runaway one is not copied whole. */
    static final int MAX_KEYS = 5000;

    private SnapshotExport() {
    }

    /** What was written, for the command's output. */
    public record Summary(Path folder, int keys, int credentials, int cacheFiles) {
    }

    public static Summary export(Host host, Path out, Optional<String> connectionStatus) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new BadInputException(out + " already exists and is not empty; choose a new folder");
        }
        Path parent = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
            MemoryRegistry registry = copyRegistry(host.registry());
            RegFile.of(registry, RegFormat.regedit()).write(temp.resolve(SnapshotLayout.REGISTRY_FILE));
            int credentials = writeCredentials(host, temp.resolve(SnapshotLayout.CREDENTIALS_FILE));
            writeProcesses(host, temp.resolve(SnapshotLayout.PROCESSES_FILE));
            writeFileVersions(host, registry, temp.resolve(SnapshotLayout.FILES_FILE));
            if (host.windowsEdition().isPresent()) {
                Files.writeString(temp.resolve(SnapshotLayout.WINDOWS_FILE), ProtocolJson.documents().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(SnapshotWindowsEdition.toJson(host.windowsEdition().get())) + "\n");
            }
            int cacheFiles = copyCache(host.localAppData(), temp.resolve(SnapshotLayout.LOCAL_APP_DATA));
            if (connectionStatus.isPresent()) {
                Files.writeString(temp.resolve(SnapshotLayout.CONNECTION_STATUS_FILE), connectionStatus.get(), StandardCharsets.UTF_8);
            }
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            return new Summary(target, registry.keys().size(), credentials, cacheFiles);
        } catch (IOException e) {
            throw new HostException("cannot write the snapshot " + out + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    static MemoryRegistry copyRegistry(Registry source) {
        MemoryRegistry copy = new MemoryRegistry();
        for (SnapshotScope.KeyRule rule : SnapshotScope.fixedKeys()) {
            copyKey(source, rule.hive(), rule.path(), rule.recursive(), copy);
        }
        source.value(Hive.HKEY_LOCAL_MACHINE, SnapshotScope.MACHINE_GUID_KEY.path(), "MachineGuid")
                .ifPresent(v -> copy.put(Hive.HKEY_LOCAL_MACHINE, SnapshotScope.MACHINE_GUID_KEY.path(), v));
        for (String view : SnapshotScope.VIEWS) {
            String uninstall = view + "\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
            for (String code : source.subKeys(Hive.HKEY_LOCAL_MACHINE, uninstall)) {
                if (SnapshotScope.isOfficeProductCode(code)) {
                    copyKey(source, Hive.HKEY_LOCAL_MACHINE, uninstall + "\\" + code, false, copy);
                }
            }
        }
        return copy;
    }

    /** A key the user may not read is left out of the snapshot, as regedit's export leaves it out. */
    private static void copyKey(Registry source, Hive hive, String path, boolean recursive, MemoryRegistry copy) {
        if (!source.keyExists(hive, path) || copy.keys().size() >= MAX_KEYS) {
            return;
        }
        List<RegistryValue> values;
        List<String> children;
        try {
            values = source.values(hive, path);
            children = recursive ? source.subKeys(hive, path) : List.of();
        } catch (UnreadableKeyException e) {
            return;
        }
        copy.createKey(hive, path);
        values.forEach(v -> copy.put(hive, path, v));
        for (String child : children) {
            copyKey(source, hive, path + "\\" + child, true, copy);
        }
    }

    private static int writeCredentials(Host host, Path file) throws IOException {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        int count = 0;
        for (StoredCredential c : host.credentials().list()) {
            if (c.target().regionMatches(true, 0, SnapshotScope.CREDENTIAL_PREFIX, 0, SnapshotScope.CREDENTIAL_PREFIX.length())) {
                array.addObject().put("target", c.target()).put("type", c.type().jsonName()).put("user", c.user())
                        .put("persist", c.persist() == null ? null : c.persist().jsonName());
                count++;
            }
        }
        Files.writeString(file, ProtocolJson.documents().writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n");
        return count;
    }

    private static void writeProcesses(Host host, Path file) throws IOException {
        int session = host.processes().currentSessionId();
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ProcessInfo p : host.processes().list()) {
            if (p.sessionId() == session && p.name().toUpperCase(Locale.ROOT).equals("OUTLOOK.EXE")) {
                array.addObject().put("name", p.name()).put("pid", p.pid()).put("sessionId", 1);
            }
        }
        Files.writeString(file, ProtocolJson.documents().writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n");
    }

    /** The version resource of each MSI OUTLOOK.EXE: its registry version stays at the service-pack level. */
    private static void writeFileVersions(Host host, Registry registry, Path file) throws IOException {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String exe : OutlookDetector.msiOutlookExecutables(registry)) {
            host.fileVersions().fileVersion(exe).ifPresent(v -> array.addObject().put("path", exe).put("fileVersion", v));
        }
        Files.writeString(file, ProtocolJson.documents().writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n");
    }

    private static int copyCache(Path localAppData, Path targetLocalAppData) throws IOException {
        int count = 0;
        for (Path file : AutodiscoverCacheReader.cacheFiles(localAppData)) {
            Path to = targetLocalAppData.resolve(localAppData.relativize(file).toString());
            Files.createDirectories(to.getParent());
            Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
            count++;
        }
        return count;
    }

    private static boolean isEmptyFolder(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover hidden temporary folder is harmless; the export already failed and says so
        }
    }
}
