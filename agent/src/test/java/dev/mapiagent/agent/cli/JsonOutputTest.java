package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's {@code --json} for each exit code it can give (DESIGN.md §4): with 0 or 1 standard output is exactly
 * one JSON document; with 2 or 3 it is empty and standard error is one line. Automation reads the exit code and the
 * document; neither may contradict the other. ({@code parse-status} opens no host, so it has no 3; {@code run} has no
 * {@code --json}.)
 */
class JsonOutputTest {

    private static final String CACHE_FILE = "LocalAppData/Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml";

    @TempDir
    Path temp;

    @Test
    void diagnoseOfAHealthyPcIsOneDocumentWithExitZero() throws IOException {
        JsonNode report = document(CliRun.of("diagnose", "--snapshot", example("healthy"), "--json"), 0);
        assertEquals("HEALTHY", report.path("verdict").asText());
    }

    @Test
    void diagnoseWithProblemsIsOneDocumentWithExitOne() throws IOException {
        JsonNode report = document(CliRun.of("diagnose", "--snapshot", example("mapihttp-disabled"), "--json"), 1);
        assertEquals("DEGRADED", report.path("verdict").asText());
    }

    @Test
    void diagnoseOfAMissingSnapshotPrintsNoDocumentAndExitsTwo() {
        nothingOnStdout(CliRun.of("diagnose", "--snapshot", temp.resolve("missing").toString(), "--json"), 2);
    }

    @Test
    void diagnoseOnAFailingHostPrintsNoDocumentAndExitsThree() {
        nothingOnStdout(onFailingHost("diagnose", "--json"), 3);
    }

    @Test
    void healThatFixesEverythingIsOneDocumentWithExitZero() throws IOException {
        JsonNode result = document(CliRun.of("heal", "--snapshot", copy("mapihttp-disabled"), "--json"), 0);
        assertEquals("HEALTHY", result.path("after").path("verdict").asText());
    }

    @Test
    void healThatLeavesAProblemIsOneDocumentWithExitOne() throws IOException {
        JsonNode result = document(CliRun.of("heal", "--snapshot", copy("server-outage"), "--json"), 1);
        assertEquals("FAILING", result.path("after").path("verdict").asText());
    }

    @Test
    void healWithAnUnknownActionPrintsNoDocumentAndExitsTwo() {
        nothingOnStdout(CliRun.of("heal", "--snapshot", copy("healthy"), "--only", "format-disk", "--json"), 2);
    }

    @Test
    void healOnAFailingHostPrintsNoDocumentAndExitsThree() {
        nothingOnStdout(onFailingHost("heal", "--json"), 3);
    }

    @Test
    void undoIsOneDocumentNamingTheJournalWithExitZero() throws IOException {
        String pc = copy("mapihttp-disabled");
        String journalId = document(CliRun.of("heal", "--snapshot", pc, "--json"), 0).path("journalId").asText();

        JsonNode undo = document(CliRun.of("undo", "--snapshot", pc, "--json"), 0);

        assertEquals(journalId, undo.path("journalId").asText());
        assertTrue(undo.path("complete").asBoolean(), undo.toString());
        assertEquals("restored", undo.path("outcomes").get(0).path("status").asText());
    }

    @Test
    void undoWithNothingToUndoIsOneDocumentWithExitZero() throws IOException {
        JsonNode undo = document(CliRun.of("undo", "--snapshot", copy("healthy"), "--json"), 0);
        assertTrue(undo.path("journalId").isNull(), undo.toString());
    }

    @Test
    void undoThatCannotPutEverythingBackIsOneDocumentWithExitOne() throws IOException {
        String pc = copy("mapihttp-disabled");
        document(CliRun.of("heal", "--snapshot", pc, "--json"), 0);
        Files.writeString(Path.of(pc).resolve(CACHE_FILE), "<Autodiscover/>"); // Outlook wrote a newer answer

        JsonNode undo = document(CliRun.of("undo", "--snapshot", pc, "--json"), 1);

        assertTrue(!undo.path("complete").asBoolean(), undo.toString());
    }

    @Test
    void undoOfAnUnknownJournalPrintsNoDocumentAndExitsTwo() {
        nothingOnStdout(CliRun.of("undo", "--snapshot", copy("healthy"), "--journal", "20261125T154500Z-1a2b3c4d",
                "--json"), 2);
    }

    @Test
    void undoOnAFailingHostPrintsNoDocumentAndExitsThree() {
        nothingOnStdout(onFailingHost("undo", "--json"), 3);
    }

    @Test
    void parseStatusOfAHealthyTableIsOneDocumentWithExitZero() throws IOException {
        JsonNode result = document(CliRun.of("parse-status", Path.of(example("healthy")).resolve("connection-status.txt")
                .toString(), "--json"), 0);
        assertEquals("MAPI_HTTP", result.path("protocol").asText());
    }

    @Test
    void parseStatusOfAFallbackTableIsOneDocumentWithExitOne() throws IOException {
        JsonNode result = document(CliRun.of("parse-status", Path.of(example("fallback-stale-sspi"))
                .resolve("connection-status.txt").toString(), "--json"), 1);
        assertEquals("RPC_HTTP", result.path("protocol").asText());
    }

    @Test
    void parseStatusOfTextWithoutATablePrintsNoDocumentAndExitsTwo() {
        nothingOnStdout(CliRun.withStdin("no table here\n", "parse-status", "--json"), 2);
    }

    @Test
    void snapshotIsOneDocumentWithExitZero() throws IOException {
        Path out = temp.resolve("out");
        JsonNode summary = document(CliRun.of("snapshot", "--snapshot", example("healthy"), "--out", out.toString(),
                "--json"), 0);
        assertTrue(summary.path("keys").asInt() > 0, summary.toString());
    }

    @Test
    void snapshotIntoAFolderThatIsNotEmptyPrintsNoDocumentAndExitsTwo() {
        nothingOnStdout(CliRun.of("snapshot", "--snapshot", example("healthy"), "--out", example("healthy"), "--json"), 2);
    }

    @Test
    void snapshotOfAFailingHostPrintsNoDocumentAndExitsThree() {
        nothingOnStdout(onFailingHost("snapshot", "--out", temp.resolve("out").toString(), "--json"), 3);
    }

    private static JsonNode document(CliRun run, int exitCode) throws IOException {
        assertEquals(exitCode, run.exitCode(), run.out() + run.err());
        String out = run.out().strip();
        assertTrue(out.startsWith("{") && out.endsWith("}"), "one JSON document and nothing else: " + out);
        return ProtocolJson.mapper().readTree(out);
    }

    private static void nothingOnStdout(CliRun run, int exitCode) {
        assertEquals(exitCode, run.exitCode(), run.out() + run.err());
        assertEquals("", run.out());
        assertTrue(run.errIsOneLine(), run.err());
    }

    /** The PC itself cannot be read: the agent failed, whatever the command. */
    private static CliRun onFailingHost(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        HostProvider failing = snapshot -> {
            throw new HostException("cannot open the registry: access denied");
        };
        int code = AgentCommandLine.create(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                failing, args).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static String example(String name) {
        return ExampleSnapshots.path(name).toString();
    }

    private String copy(String example) {
        return SnapshotCopy.of(example, temp).toString();
    }
}
