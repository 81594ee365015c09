package dev.mapiagent.agent.host.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.protocol.JsonTrees;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot JSON file holding an array of objects, with where each object sits in the text so
 * that one can be removed while every other byte of the file stays as it was. Read with jackson-core and
 * {@link JsonTrees}, not a mapper: every diagnosis of a snapshot reads one, and building the ObjectMapper costs a cold
 * start about 190 ms.
 */
final class JsonArrayFile {

    /** One object of the array and its place in the text: [start, end) in chars. */
    record Entry(ObjectNode node, int start, int end) {
    }

    private final String text;
    private final List<Entry> entries;

    private JsonArrayFile(String text, List<Entry> entries) {
        this.text = text;
        this.entries = List.copyOf(entries);
    }

    static JsonArrayFile parse(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = ProtocolJson.factory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new BadSnapshotException(source + ": expected a JSON array [ {...}, ... ]");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new BadSnapshotException(source + " entry " + (entries.size() + 1)
                            + ": expected an object {...}, got " + parser.getText());
                }
                int start = (int) parser.currentTokenLocation().getCharOffset();
                JsonNode node = JsonTrees.read(parser);
                int end = (int) parser.currentLocation().getCharOffset();
                entries.add(new Entry((ObjectNode) node, start, end));
            }
            if (parser.nextToken() != null) {
                throw new BadSnapshotException(source + ": unexpected text after the closing ]");
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadSnapshotException(source + " line " + line + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new BadSnapshotException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return new JsonArrayFile(text, entries);
    }

    List<Entry> entries() {
        return entries;
    }

    String text() {
        return text;
    }

    /**
     * The text without this entry: it goes with the comma and spacing that separate it from its
     * neighbour, so the entries left keep their exact text and the array stays valid.
     */
    String without(Entry entry) {
        int i = entries.indexOf(entry);
        int from = entry.start();
        int to = entry.end();
        if (i + 1 < entries.size()) {
            to = entries.get(i + 1).start();
        } else if (i > 0) {
            from = entries.get(i - 1).end();
        }
        return text.substring(0, from) + text.substring(to);
    }
}
