package dev.mapiagent.agent.collector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.agent.host.AtomicFiles;
import dev.mapiagent.agent.host.BoundedFiles;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.StateFolder;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reports and command results not yet delivered, one file each under {@code <state>/spool/}, named by a
 * sequence number so they are sent in the order they were made. Files are written atomically (a
 * temporary {@code .*.tmp} beside them is never read). The spool is bounded in count and bytes: when full,
 * the oldest reports are dropped and {@link #dropped()} counts them; a command result is never pushed out by reports
 * (the helpdesk waits for it, and there is one per command). An item is deleted only once the
 * collector has answered for it, so a crash can at worst send it twice, which the collector dedupes.
 *
 * <p>One item must not hold up the others: an item the collector fails on ({@link CollectorException.Kind#ITEM_FAILED})
 * {@value #ITEM_FAILURES_BEFORE_SET_ASIDE} times in a row is moved to {@code spool/set-aside/} (kept, at most
 * {@value #SET_ASIDE_MAX} files, for a person to look at) and the items behind it are sent.
 */
public final class Spool {

    private static final Pattern ITEM = Pattern.compile("(\\d{20})\\.json");
    private static final String DROPPED_FILE = "dropped-count";
    /** "<item file name> <count>": the collector's failures on the item at the head of the spool, kept across runs. */
    private static final String FAILURES_FILE = "head-failures";
    static final String SET_ASIDE_FOLDER = StateFolder.SPOOL_SET_ASIDE;
    static final int ITEM_FAILURES_BEFORE_SET_ASIDE = 5;
    static final int SET_ASIDE_MAX = 20;
    private static final ObjectMapper JSON = ProtocolJson.documents();

    private final Path dir;
    private final int maxItems;
    private final long maxBytes;

    public Spool(Path dir, int maxItems, long maxBytes) {
        if (maxItems < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("spool bounds must be positive");
        }
        this.dir = dir;
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
    }

    /** Writes the item durably after every item already spooled, then drops the oldest beyond the bounds. */
    public void add(SpoolItem item) {
        createDir();
        List<Path> items = items();
        long next = items.isEmpty() ? 1 : sequence(items.get(items.size() - 1)) + 1;
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("kind", item.kind().name());
        if (item.commandId() != null) {
            envelope.put("commandId", item.commandId());
        }
        envelope.set("body", item.body());
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.write(dir.resolve(String.format("%020d.json", next)), bytes);
        trim();
    }

    /**
     * Sends every item in order, deleting each once answered; stops at the first retryable failure, but sets an item
     * aside instead when the collector has failed on it too often.
     */
    public DrainResult drain(Sender sender) {
        int delivered = 0;
        List<String> rejected = new ArrayList<>();
        List<String> setAside = new ArrayList<>();
        for (Path file : items()) {
            SpoolItem item;
            try {
                item = read(file);
            } catch (IOException | RuntimeException e) {
                delete(file);
                addDropped(1);
                rejected.add(file.getFileName() + " unreadable, dropped");
                continue;
            }
            Delivery outcome;
            try {
                outcome = sender.send(item);
            } catch (CollectorException e) {
                if (e.kind() == CollectorException.Kind.ITEM_FAILED
                        && failedAgain(file) >= ITEM_FAILURES_BEFORE_SET_ASIDE) {
                    setAside(file);
                    setAside.add(describe(item) + " set aside in " + dir.resolve(SET_ASIDE_FOLDER).resolve(file.getFileName())
                            + " after " + ITEM_FAILURES_BEFORE_SET_ASIDE + " failures in a row: " + e.getMessage());
                    continue;
                }
                return new DrainResult(delivered, rejected, setAside, e.getMessage(), e.kind());
            }
            forgetFailures();
            delete(file);
            if (outcome == Delivery.REJECTED) {
                rejected.add(describe(item) + " rejected by the collector");
            } else {
                delivered++;
            }
        }
        return new DrainResult(delivered, rejected, setAside, null, null);
    }

    /** Sends one item to the collector. */
    @FunctionalInterface
    public interface Sender {
        Delivery send(SpoolItem item) throws CollectorException;
    }

    /**
     * @param delivered items the collector has now (accepted or duplicate)
     * @param rejected  what was dropped as undeliverable, one line each
     * @param setAside  what was set aside because the collector kept failing on it, one line each
     * @param stoppedBy why the drain stopped early (items remain), or null when the spool is empty
     * @param stopKind  what kind of failure stopped it, or null
     */
    public record DrainResult(int delivered, List<String> rejected, List<String> setAside, String stoppedBy,
                              CollectorException.Kind stopKind) {
        public boolean complete() {
            return stoppedBy == null;
        }
    }

    public int size() {
        return items().size();
    }

    /** Items dropped because the spool was full (or an item was unreadable), since the spool was created. */
    public long dropped() {
        Path file = dir.resolve(DROPPED_FILE);
        try {
            return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The spooled items, oldest first. */
    public List<SpoolItem> peekAll() {
        List<SpoolItem> all = new ArrayList<>();
        for (Path p : items()) {
            try {
                all.add(read(p));
            } catch (IOException e) {
                throw new HostException("cannot read spooled item " + p + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    /** Drops the oldest reports beyond the bounds; results stay (and the newest item always does). */
    private void trim() {
        List<Path> items = items();
        long total = 0;
        for (Path p : items) {
            total += sizeOf(p);
        }
        int left = items.size();
        int drop = 0;
        for (Path p : items.subList(0, items.size() - 1)) {
            if (left <= maxItems && total <= maxBytes) {
                break;
            }
            if (kindOf(p) == SpoolItem.Kind.RESULT) {
                continue;
            }
            total -= sizeOf(p);
            delete(p);
            left--;
            drop++;
        }
        addDropped(drop);
    }

    /** The kind without reading the whole item: the envelope starts with it. An unreadable item counts as a report. */
    private static SpoolItem.Kind kindOf(Path item) {
        try (JsonParser parser = JSON.getFactory().createParser(item.toFile())) {
            if (parser.nextToken() == JsonToken.START_OBJECT && "kind".equals(parser.nextFieldName())) {
                return SpoolItem.Kind.valueOf(parser.nextTextValue());
            }
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return SpoolItem.Kind.REPORT;
        }
        return SpoolItem.Kind.REPORT;
    }

    /** Counts one more failure of the collector on this item (the head: a drain stops at a failure) and returns it. */
    private int failedAgain(Path item) {
        Path file = dir.resolve(FAILURES_FILE);
        String name = item.getFileName().toString();
        int count = 1;
        try {
            String[] kept = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ")
                    : new String[0];
            if (kept.length == 2 && kept[0].equals(name)) {
                count = Integer.parseInt(kept[1]) + 1;
            }
        } catch (IOException | NumberFormatException e) {
            count = 1;
        }
        AtomicFiles.write(file, (name + " " + count).getBytes(StandardCharsets.US_ASCII));
        return count;
    }

    private void forgetFailures() {
        delete(dir.resolve(FAILURES_FILE));
    }

    /** Moves the item out of the way, keeping the newest {@value #SET_ASIDE_MAX} set-aside items. */
    private void setAside(Path item) {
        Path folder = dir.resolve(SET_ASIDE_FOLDER);
        try {
            Files.createDirectories(folder);
            Files.move(item, folder.resolve(item.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            List<Path> kept;
            try (Stream<Path> files = Files.list(folder)) {
                kept = files.filter(p -> ITEM.matcher(p.getFileName().toString()).matches()).sorted().toList();
            }
            for (Path old : kept.subList(0, Math.max(0, kept.size() - SET_ASIDE_MAX))) {
                delete(old);
                addDropped(1);
            }
        } catch (IOException e) {
            throw new HostException("cannot set aside spooled item " + item + ": " + e.getMessage(), e);
        }
        forgetFailures();
    }

    private void addDropped(int count) {
        if (count > 0) {
            AtomicFiles.write(dir.resolve(DROPPED_FILE),
                    Long.toString(dropped() + count).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private SpoolItem read(Path file) throws IOException {
        JsonNode envelope = JSON.readTree(BoundedFiles.read(file, maxBytes));
        SpoolItem.Kind kind = SpoolItem.Kind.valueOf(envelope.path("kind").asText());
        String commandId = envelope.hasNonNull("commandId") ? envelope.get("commandId").asText() : null;
        JsonNode body = envelope.get("body");
        return new SpoolItem(kind, commandId, body);
    }

    private List<Path> items() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> ITEM.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new HostException("cannot list the spool " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long sequence(Path item) {
        var m = ITEM.matcher(item.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(item.toString());
        }
        return Long.parseLong(m.group(1));
    }

    private static String describe(SpoolItem item) {
        return item.kind() == SpoolItem.Kind.REPORT
                ? "report " + item.body().path("reportId").asText("?")
                : "result of command " + item.commandId();
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new HostException("cannot read the spool " + p + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new HostException("cannot delete spooled item " + p + ": " + e.getMessage(), e);
        }
    }

    private void createDir() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HostException("cannot create the spool " + dir + ": " + e.getMessage(), e);
        }
    }
}
