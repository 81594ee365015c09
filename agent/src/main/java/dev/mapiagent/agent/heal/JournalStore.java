package dev.mapiagent.agent.heal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiagent.agent.host.AtomicFiles;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.BoundedFiles;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.StateFolder;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Journals as JSON files under the agent's state folder ({@code LocalAppData/MapiAgent/journal}). */
public final class JournalStore {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{8}");

    /** A journal lists a few files and credential names; far larger is not one the agent wrote. */
    static final long MAX_BYTES = 1024 * 1024;

    private final Path dir;
    private final ObjectMapper json = ProtocolJson.documents();

    public JournalStore(Path stateFolder) {
        this.dir = stateFolder.resolve(StateFolder.JOURNAL);
    }

    /** Ids sort by time, so the newest journal is the greatest id. */
    public static String newId(Clock clock) {
        return ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void save(Journal journal) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file(journal.journalId()), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(journal));
        } catch (IOException e) {
            throw new HostException("cannot write journal " + journal.journalId() + ": " + e.getMessage(), e);
        }
    }

    public Journal load(String journalId) {
        if (!ID.matcher(journalId).matches()) {
            throw new UnknownJournalException("not a journal id: " + journalId + " (expected e.g. 20261125T154500Z-1a2b3c4d)");
        }
        Path file = file(journalId);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnknownJournalException("no journal " + journalId + " in " + dir);
        }
        Journal journal;
        try {
            journal = json.readValue(BoundedFiles.read(file, MAX_BYTES), Journal.class);
        } catch (BoundedFiles.RefusedFileException e) {
            throw new UnknownJournalException("journal refused: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new UnknownJournalException("journal " + file + " is not a journal: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new HostException("journal " + file + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!journalId.equals(journal.journalId())) {
            throw new UnknownJournalException("journal " + file + " is not the journal of heal " + journalId + ": refused");
        }
        return journal;
    }

    /** The newest journal that has not been undone yet. */
    public Optional<Journal> latestUndoable() {
        return ids().stream().sorted(Comparator.reverseOrder()).map(this::load)
                .filter(j -> j.state() != JournalState.UNDONE).findFirst();
    }

    /**
     * Whether a heal has completed here and was not undone (undo puts back what the table showed). A journal that
     * cannot be used counts as none: it must not stop a diagnosis.
     */
    public boolean anyCompleted() {
        return ids().stream().anyMatch(this::completed);
    }

    private boolean completed(String journalId) {
        try {
            return load(journalId).state() == JournalState.COMPLETED;
        } catch (UnknownJournalException | HostException | BadSnapshotException e) {
            return false;
        }
    }

    public List<String> ids() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .filter(id -> ID.matcher(id).matches())
                    .sorted().toList();
        } catch (IOException e) {
            throw new HostException("cannot list journals in " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path file(String journalId) {
        return dir.resolve(journalId + ".json");
    }
}
