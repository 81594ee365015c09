package dev.mapiagent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent's mapper without JavaTimeModule writes and reads exactly what the collector's mapper does. */
class ProtocolJsonDocumentsTest {

    private static final ObjectMapper WITH_JAVA_TIME = ProtocolJson.mapper();
    private static final ObjectMapper DOCUMENTS = ProtocolJson.documents();

    static Stream<Instant> instants() {
        Random random = new Random(17);
        Stream<Instant> chosen = Stream.of(
                Instant.parse("2026-11-25T08:00:00Z"),                 // no fraction
                Instant.parse("2026-11-25T08:00:00.100Z"),             // milliseconds
                Instant.parse("2026-11-25T08:00:00.000100Z"),          // microseconds
                Instant.parse("2026-11-25T08:00:00.000000001Z"),       // nanoseconds
                Instant.parse("2026-12-02T02:36:05.263020521Z"),
                Instant.parse("2026-02-28T23:59:59.999Z"),
                Instant.parse("2028-02-29T00:00:00.5Z"),
                Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(-1, 1),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("0999-12-31T23:59:59Z"), Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.MIN, Instant.MAX);
        Stream<Instant> drawn = Stream.generate(() -> Instant.ofEpochSecond(
                random.nextInt(Integer.MAX_VALUE) * 2L, random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000)))
                .limit(500);
        return Stream.concat(chosen, drawn);
    }

    @ParameterizedTest
    @MethodSource("instants")
    void anInstantIsWrittenAsJavaTimeModuleWritesIt(Instant instant) throws Exception {
        assertEquals(WITH_JAVA_TIME.writeValueAsString(instant), DOCUMENTS.writeValueAsString(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"2026-11-25T08:00:00Z\"", "\"2026-11-25T08:00:00.123456789Z\"", "\"2026-11-25T10:00:00+02:00\"",
        "\"2026-11-25T03:30:00.5-04:30\"", "\"2026-11-25T08:00:00+00:00\"", "\" 2026-11-25T08:00:00Z \"",
        "\"\"", "\"   \"", "null", "1700000000", "-1700000000", "0", "1700000000.5", "1700000000.000000001",
        "-1.5", "\"1700000000\"", "\"1700000000.25\""})
    void anInstantIsReadAsJavaTimeModuleReadsIt(String json) throws Exception {
        assertEquals(WITH_JAVA_TIME.readValue(json, Instant.class), DOCUMENTS.readValue(json, Instant.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2026-11-25\"", "\"2026-11-25T08:00:00\"", "\"2026-13-01T00:00:00Z\"",
        "true", "[]", "{}", "\"-\"", "\".\""})
    void whatJavaTimeModuleRejectsIsRejected(String json) {
        assertFalse(reads(WITH_JAVA_TIME, json), "JavaTimeModule read " + json);
        assertFalse(reads(DOCUMENTS, json), "documents() read " + json);
    }

    @Test
    void aReportAndACommandResultAreWrittenByteForByteAlike() throws Exception {
        Report report = ReportSchemaTest.sampleReport();
        CommandResult result = new CommandResult(CommandStatus.SUCCEEDED, 0, "healed", report, report);
        for (Object document : List.of(report, result)) {
            assertEquals(WITH_JAVA_TIME.writerWithDefaultPrettyPrinter().writeValueAsString(document),
                    DOCUMENTS.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        }
    }

    @Test
    void aCommandTheCollectorWroteReadsBackEqual() throws Exception {
        Command command = new Command("c-1", "dev-1", List.of(HealAction.ENABLE_MAPIHTTP), CommandStatus.DELIVERED,
                "helen", Instant.parse("2026-11-25T08:00:00.123Z"), Instant.parse("2026-11-25T09:00:00Z"),
                Instant.parse("2026-11-25T08:00:01.000001Z"), null, null, null);
        assertEquals(command, DOCUMENTS.readValue(WITH_JAVA_TIME.writeValueAsString(command), Command.class));
    }

    private static boolean reads(ObjectMapper mapper, String json) {
        try {
            mapper.readValue(json, Instant.class);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
