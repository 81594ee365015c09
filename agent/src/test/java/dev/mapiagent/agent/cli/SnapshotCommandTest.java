package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The Linux-side twin of snapshot --out on Windows: a snapshot of a snapshot diagnoses the same. */
class SnapshotCommandTest {

    @TempDir
    Path temp;

    private static JsonNode withoutRunFields(String json) throws IOException {
        ObjectNode report = (ObjectNode) ProtocolJson.mapper().readTree(json);
        report.remove(List.of("reportId", "createdAt"));
        return report;
    }

    @Test
    void aSnapshotOfASnapshotDiagnosesTheSame() throws IOException {
        for (String example : List.of("healthy", "mapihttp-disabled", "fallback-stale-sspi", "server-outage")) {
            Path source = ExampleSnapshots.path(example);
            Path copy = temp.resolve(example);
            CliRun export = CliRun.of("snapshot", "--snapshot", source.toString(), "--out", copy.toString(),
                    "--connection-status", source.resolve("connection-status.txt").toString());
            assertEquals(0, export.exitCode(), export.err());
            JsonNode original = withoutRunFields(CliRun.of("diagnose", "--snapshot", source.toString(), "--json").out());
            JsonNode again = withoutRunFields(CliRun.of("diagnose", "--snapshot", copy.toString(), "--json").out());
            assertEquals(original, again, example);
        }
    }

    @Test
    void theVersionOfAnMsiOutlookExeTravelsWithTheSnapshot() throws IOException {
        Path source = Path.of("..", "examples", "real", "msi-outlook2010-patched-outlook-exe").toAbsolutePath().normalize();
        Path copy = temp.resolve("out");

        assertEquals(0, CliRun.of("snapshot", "--snapshot", source.toString(), "--out", copy.toString()).exitCode());

        String files = Files.readString(copy.resolve("files.json"));
        assertTrue(files.contains("14.0.7268.5000") && files.contains("Office14\\\\OUTLOOK.EXE"), files);
        JsonNode again = withoutRunFields(CliRun.of("diagnose", "--snapshot", copy.toString(), "--json").out());
        assertEquals("14.0.7268.5000", again.path("outlook").path("version").asText());
    }

    @Test
    void onlyOfficeCredentialNamesLeaveThePc() throws IOException {
        Path copy = temp.resolve("out");
        CliRun.of("snapshot", "--snapshot", ExampleSnapshots.arg("fallback-stale-sspi"), "--out", copy.toString());
        String credentials = Files.readString(copy.resolve("credentials.json"));
        assertTrue(credentials.contains("MicrosoftOffice16_Data:SSPI:carol@contoso.com"), credentials);
        assertFalse(credentials.contains("git:https://github.com"), credentials);
        assertFalse(credentials.contains("TERMSRV"), credentials);
    }

    @Test
    void pstAndOstFilesAreNotCopied() {
        Path copy = temp.resolve("out");
        CliRun.of("snapshot", "--snapshot", ExampleSnapshots.arg("healthy"), "--out", copy.toString());
        assertFalse(Files.exists(copy.resolve("LocalAppData/Microsoft/Outlook/ann@contoso.com.ost")));
        assertTrue(Files.exists(copy.resolve("LocalAppData/Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml")));
    }

    @Test
    void aFolderThatHoldsFilesIsRefused() throws IOException {
        Path busy = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(busy.resolve("keep.txt"), "mine");
        CliRun run = CliRun.of("snapshot", "--snapshot", ExampleSnapshots.arg("healthy"), "--out", busy.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertEquals("mine", Files.readString(busy.resolve("keep.txt")));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void liveModeOffWindowsIsAUsageErrorSayingToUseASnapshot() {
        CliRun run = CliRun.of("snapshot", "--out", temp.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("use --snapshot DIR"), run.err());
    }
}
