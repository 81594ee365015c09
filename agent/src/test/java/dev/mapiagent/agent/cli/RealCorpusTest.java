package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of examples/real/: real public material (or material composed from documented
 * values, as each SOURCE.md says), and the conclusion a correct agent must reach, in expected.json:
 * {@code command} (diagnose or parse-status), {@code exit}, and optionally {@code verdict}, {@code protocol},
 * {@code findings} (code to severity, each present), {@code absent} (codes that must not appear) and
 * {@code stderr} (a part of the one-line refusal).
 */
class RealCorpusTest {

    private static final Path CORPUS = Path.of("..", "examples", "real").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Path> cases() {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCorpusHoldsAtLeastThirtyCasesEachWithItsSource() throws IOException {
        assertTrue(cases().size() >= 30, "cases: " + cases().size());
        for (Path dir : cases()) {
            String source = Files.readString(dir.resolve("SOURCE.md"), StandardCharsets.UTF_8);
            for (String part : List.of("**Source:**", "**Transcribed or composed:**", "**A correct agent concludes:**",
                    "**Why:**")) {
                assertTrue(source.contains(part), dir.getFileName() + " SOURCE.md lacks " + part);
            }
            assertTrue(Files.exists(dir.resolve("expected.json")), dir.getFileName() + " has no expected.json");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseReachesItsExpectedConclusion() {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        String command = expected.path("command").asText();
        CliRun run = switch (command) {
            case "diagnose" -> CliRun.of("diagnose", "--snapshot", dir.toString(), "--json");
            case "parse-status" -> CliRun.of("parse-status", dir.resolve("connection-status.txt").toString(), "--json");
            default -> throw new IllegalArgumentException(dir + ": unknown command " + command);
        };
        String name = dir.getFileName().toString();
        assertEquals(expected.path("exit").asInt(), run.exitCode(), name + ": " + run.err() + run.out());
        if (run.exitCode() == 2) {
            assertTrue(run.errIsOneLine(), name + ": " + run.err());
            assertTrue(run.err().contains(expected.path("stderr").asText()), name + ": " + run.err());
            return;
        }
        JsonNode result = JSON.readTree(run.out());
        for (String field : List.of("verdict", "protocol")) {
            if (expected.has(field)) {
                assertEquals(expected.path(field).asText(), result.path(field).asText(), name + " " + field);
            }
        }
        List<JsonNode> findings = StreamSupport.stream(result.path("findings").spliterator(), false).toList();
        for (Map.Entry<String, JsonNode> wanted : expected.path("findings").properties()) {
            assertTrue(findings.stream().anyMatch(f -> f.path("code").asText().equals(wanted.getKey())
                            && f.path("severity").asText().equalsIgnoreCase(wanted.getValue().asText())),
                    name + ": no " + wanted.getKey() + " as " + wanted.getValue().asText() + " in " + findings);
        }
        for (JsonNode absent : expected.path("absent")) {
            assertFalse(findings.stream().anyMatch(f -> f.path("code").asText().equals(absent.asText())),
                    name + ": " + absent.asText() + " should not be in " + findings);
        }
    }
}
