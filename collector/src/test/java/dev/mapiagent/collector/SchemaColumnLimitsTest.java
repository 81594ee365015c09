package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.db.Database;
import dev.mapiagent.collector.service.EndpointHost;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.ProtocolSchema;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The protocol schema's limits are the database's limits: a report the schema accepts fits its columns, so it can
 * never fail with a 500 on every retry. Every string maxLength of the schemas is named here with the columns it
 * goes into (or as kept only inside the stored report body, which has no limit), and held against the column sizes
 * the database reports.
 */
class SchemaColumnLimitsTest {

    private static final List<String> BODY_ONLY = List.of("reports.body");

    /** schema file and JSON pointer of each string with a maxLength → the columns holding it. */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "report.schema.json#/properties/deviceId", List.of("devices.device_id", "reports.device_id",
                    "device_findings.device_id", "commands.device_id", "audit_log.device_id"),
            "report.schema.json#/properties/hostname", List.of("devices.hostname"),
            "report.schema.json#/properties/user", List.of("devices.username"),
            "report.schema.json#/properties/agentVersion", BODY_ONLY,
            "report.schema.json#/properties/outlook/properties/version", BODY_ONLY,
            "report.schema.json#/$defs/finding/properties/message", BODY_ONLY,
            "report.schema.json#/$defs/finding/properties/evidence", BODY_ONLY,
            "command-result.schema.json#/properties/message", List.of("commands.message"));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyStringMaxLengthOfTheSchemasIsItsColumnsSize(TestDatabase kind) throws Exception {
        Map<String, Integer> maxLengths = new TreeMap<>();
        for (ProtocolSchema schema : ProtocolSchema.values()) {
            String file = schema == ProtocolSchema.REPORT ? "report.schema.json" : "command-result.schema.json";
            collectMaxLengths(file + "#", read(file), maxLengths);
        }
        assertEquals(new TreeMap<>(COLUMNS).keySet(), maxLengths.keySet(),
                "every string maxLength must be named with its columns here");
        try (Database db = Database.open(kind.freshUrl()); Connection c = db.dataSource().getConnection()) {
            for (var field : maxLengths.entrySet()) {
                for (String column : COLUMNS.get(field.getKey())) {
                    int size = columnSize(c, column);
                    if (COLUMNS.get(field.getKey()) == BODY_ONLY) {
                        assertTrue(size >= 1_000_000_000, column + " must be unbounded text, is " + size);
                    } else {
                        assertEquals(size, field.getValue(), field.getKey() + " against " + column);
                    }
                }
            }
            for (String column : List.of("devices.endpoint_host", "device_findings.endpoint_host")) {
                assertTrue(EndpointHost.MAX_HOST_LENGTH <= columnSize(c, column),
                        "the longest endpoint host kept must fit " + column);
            }
        }
    }

    private static JsonNode read(String file) throws Exception {
        try (InputStream in = ProtocolSchema.class.getResourceAsStream(file)) {
            return ProtocolJson.mapper().readTree(in);
        }
    }

    private static void collectMaxLengths(String pointer, JsonNode node, Map<String, Integer> out) {
        if (node.isObject()) {
            if (node.has("maxLength") && node.toString().contains("\"string\"")) {
                out.put(pointer, node.get("maxLength").asInt());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                collectMaxLengths(pointer + "/" + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectMaxLengths(pointer + "/" + i, node.get(i), out);
            }
        }
    }

    private static int columnSize(Connection c, String tableColumn) throws Exception {
        String[] parts = tableColumn.split("\\.");
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), parts[0], parts[1])) {
            long size = rs.next() ? Math.min(Integer.MAX_VALUE, rs.getLong("COLUMN_SIZE")) : -1;
            assertTrue(size > 0, "no column " + tableColumn);
            return (int) size;
        }
    }
}
