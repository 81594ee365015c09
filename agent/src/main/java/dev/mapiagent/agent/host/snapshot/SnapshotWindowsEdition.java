package dev.mapiagent.agent.host.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.WindowsEdition;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotFiles;
import dev.mapiagent.agent.host.snapshot.regfile.SnapshotText;
import dev.mapiagent.protocol.JsonTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The snapshot's {@code windows.json}, {@code {"suiteMask": 272, "productType": 4}}: the PC's
 * {@code OSVERSIONINFOEX.wSuiteMask} and GetProductInfo's product type. Optional, as the file is: snapshots made
 * before it have none, and a host without it counts as single-session. Read with {@link JsonTrees}: a diagnosis of a
 * snapshot must not build an ObjectMapper.
 */
public final class SnapshotWindowsEdition {

    static final String SUITE_MASK = "suiteMask";
    static final String PRODUCT_TYPE = "productType";

    private SnapshotWindowsEdition() {
    }

    public static Optional<WindowsEdition> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String source = file.toString();
        JsonNode root;
        try {
            root = JsonTrees.read(SnapshotText.decode(SnapshotFiles.read(file), source).text());
        } catch (JsonProcessingException e) {
            throw new BadSnapshotException(source + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadSnapshotException(source + ": expected a JSON object {\"suiteMask\": ..., \"productType\": ...}");
        }
        return Optional.of(new WindowsEdition(number(root, SUITE_MASK, 0xFFFF, source),
                number(root, PRODUCT_TYPE, 0xFFFF_FFFFL, source)));
    }

    /** The text {@code snapshot --out} writes for an edition. */
    public static ObjectNode toJson(WindowsEdition edition) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(SUITE_MASK, edition.suiteMask());
        node.put(PRODUCT_TYPE, Integer.toUnsignedLong(edition.productType()));
        return node;
    }

    private static int number(JsonNode root, String field, long max, String source) {
        JsonNode value = root.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0
                || value.asLong() > max) {
            throw new BadSnapshotException(source + ": \"" + field + "\" must be a whole number from 0 to " + max);
        }
        return (int) value.asLong();
    }
}
