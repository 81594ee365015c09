package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealCommandTest {

    @TempDir
    Path temp;

    private static Optional<Long> mapiHttpDisabled(Path snapshot) {
        return SnapshotHost.open(snapshot).registry()
                .number(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled");
    }

    private static JsonNode json(CliRun run) throws IOException {
        return ProtocolJson.mapper().readTree(run.out());
    }

    private static List<String> targets(Path snapshot) {
        return SnapshotHost.open(snapshot).credentials().list().stream().map(c -> c.target()).toList();
    }

    @Test
    void healSetsMapiHttpDisabledToZeroAndReportsHealthyAfter() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        CliRun run = CliRun.of("heal", "--snapshot", pc.toString(), "--json");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(Optional.of(0L), mapiHttpDisabled(pc));
        JsonNode result = json(run);
        assertEquals("DEGRADED", result.path("before").path("verdict").asText());
        assertEquals("HEALTHY", result.path("after").path("verdict").asText());
    }

    @Test
    void undoPutsTheOldValueAndTheCacheFilesBack() {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Map<String, String> outlookBefore = SnapshotCopy.picture(pc.resolve("LocalAppData/Microsoft"));
        assertEquals(0, CliRun.of("heal", "--snapshot", pc.toString()).exitCode());
        CliRun undo = CliRun.of("undo", "--snapshot", pc.toString());
        assertEquals(0, undo.exitCode(), undo.out() + undo.err());
        assertEquals(Optional.of(1L), mapiHttpDisabled(pc));
        assertEquals(outlookBefore, SnapshotCopy.picture(pc.resolve("LocalAppData/Microsoft")));
    }

    @Test
    void aDryRunPrintsThePlanAndChangesNothingNotEvenTheStateFolder() {
        Path pc = SnapshotCopy.of("fallback-stale-sspi", temp);
        Map<String, String> before = SnapshotCopy.picture(pc);
        CliRun run = CliRun.of("heal", "--snapshot", pc.toString(), "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("credential MicrosoftOffice16_Data:SSPI:carol@contoso.com"), run.out());
        assertTrue(run.out().contains("clear-office-credentials"), run.out());
        assertEquals(before, SnapshotCopy.picture(pc));
    }

    @Test
    void clearOfficeCredentialsDeletesOnlyTheSspiOnes() {
        Path pc = SnapshotCopy.of("fallback-stale-sspi", temp);
        List<String> before = targets(pc);
        CliRun run = CliRun.of("heal", "--snapshot", pc.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<String> expected = before.stream().filter(t -> !t.contains("_Data:SSPI:")).toList();
        assertEquals(expected, targets(pc));
        assertTrue(targets(pc).contains("MicrosoftOffice16_Data:ADAL:5d6b3c52-0c1b-4d0e-9e77-2b8f1f2c9a41"));
    }

    @Test
    void healChangesNothingOutsideItsTargets() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Path outlook = pc.resolve("LocalAppData/Microsoft/Outlook");
        Files.writeString(outlook.resolve("Outlook.pst"), "pst");
        Files.createDirectories(outlook.resolve("16"));
        Files.writeString(outlook.resolve("16/notes.txt"), "keep me");
        Files.createDirectories(pc.resolve("LocalAppData/Microsoft/Credentials"));
        Files.writeString(pc.resolve("LocalAppData/Microsoft/Credentials/blob"), "opaque");
        Map<String, String> before = SnapshotCopy.picture(pc);
        List<String> regBefore = Files.readAllLines(pc.resolve("registry.reg"), StandardCharsets.UTF_16LE);

        assertEquals(0, CliRun.of("heal", "--snapshot", pc.toString()).exitCode());

        Map<String, String> after = SnapshotCopy.picture(pc);
        String cacheFile = "LocalAppData/Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml";
        for (Map.Entry<String, String> file : before.entrySet()) {
            if (!file.getKey().equals("registry.reg") && !file.getKey().equals(cacheFile)) {
                assertEquals(file.getValue(), after.get(file.getKey()), file.getKey());
            }
        }
        assertFalse(after.containsKey(cacheFile));
        assertTrue(after.keySet().stream().filter(k -> !before.containsKey(k))
                .allMatch(k -> k.startsWith("LocalAppData/MapiAgent/")), after.keySet().toString());
        List<String> regAfter = Files.readAllLines(pc.resolve("registry.reg"), StandardCharsets.UTF_16LE);
        assertEquals(regBefore.size(), regAfter.size());
        List<Integer> changed = IntStream.range(0, regBefore.size())
                .filter(i -> !regBefore.get(i).equals(regAfter.get(i))).boxed().toList();
        assertEquals(1, changed.size(), changed.toString());
        assertEquals("\"MapiHttpDisabled\"=dword:00000000", regAfter.get(changed.get(0)));
    }

    @Test
    void healTwiceIsHealOnce() {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        assertEquals(0, CliRun.of("heal", "--snapshot", pc.toString()).exitCode());
        Map<String, String> afterFirst = SnapshotCopy.picture(pc);
        CliRun second = CliRun.of("heal", "--snapshot", pc.toString());
        assertEquals(0, second.exitCode(), second.out());
        assertEquals(afterFirst, SnapshotCopy.picture(pc));
    }

    @Test
    void resetAutodiscoverCacheMovesOnlyCacheFiles() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Path outlook = pc.resolve("LocalAppData/Microsoft/Outlook");
        Files.writeString(outlook.resolve("Outlook.pst"), "pst");
        Files.createDirectories(outlook.resolve("16")); // git keeps no empty folder: a fresh checkout lacks it
        Files.writeString(outlook.resolve("16/notes.txt"), "keep me");
        Files.writeString(outlook.resolve("16/AutoD.contoso.com.xml"), "<Autodiscover/>");
        CliRun run = CliRun.of("heal", "--snapshot", pc.toString(), "--only", "reset-autodiscover-cache");
        assertTrue(run.exitCode() <= 1, run.err());
        assertTrue(Files.exists(outlook.resolve("Outlook.pst")));
        assertTrue(Files.exists(outlook.resolve("bob@contoso.com.ost")));
        assertTrue(Files.exists(outlook.resolve("16/notes.txt")));
        assertFalse(Files.exists(outlook.resolve("16/AutoD.contoso.com.xml")));
        assertFalse(Files.exists(outlook.resolve("b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml")));
    }

    @Test
    void thePolicyKeyIsNeverTouchedAndLeavesExitOne() throws IOException {
        Path pc = SnapshotCopy.of("healthy", temp);
        Path reg = pc.resolve("registry.reg");
        String text = new String(Files.readAllBytes(reg), StandardCharsets.UTF_16LE).substring(1);
        text = text.replace("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography]",
                "[HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Exchange]\r\n\"MapiHttpDisabled\"=dword:00000001\r\n\r\n"
                        + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography]");
        Files.write(reg, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
        CliRun run = CliRun.of("heal", "--snapshot", pc.toString(), "--json");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(Optional.of(1L), SnapshotHost.open(pc).registry()
                .number(Hive.HKEY_CURRENT_USER, "Software\\Policies\\Microsoft\\Exchange", "MapiHttpDisabled"));
    }

    @Test
    void restartOutlookRunsOnlyWhenAskedFor() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        String processes = Files.readString(pc.resolve("processes.json"));
        assertEquals(0, CliRun.of("heal", "--snapshot", pc.toString()).exitCode());
        assertEquals(processes, Files.readString(pc.resolve("processes.json")));
        CliRun restart = CliRun.of("heal", "--snapshot", pc.toString(), "--only", "restart-outlook");
        assertEquals(0, restart.exitCode(), restart.out() + restart.err());
        assertTrue(restart.out().contains("Outlook closed and started again"), restart.out());
    }

    @Test
    void everyHealIsRecordedInTheAgentLog() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        CliRun.of("heal", "--snapshot", pc.toString());
        String log = Files.readString(pc.resolve("LocalAppData/MapiAgent/logs/agent.log"));
        assertTrue(log.contains("MapiAgent 1000 heal"), log);
        assertTrue(log.contains("MapiAgent 1001 heal"), log);
        assertTrue(log.contains("MapiAgent 1003 heal"), log);
    }

    @Test
    void undoWithNothingToUndoSaysSo() {
        Path pc = SnapshotCopy.of("healthy", temp);
        CliRun run = CliRun.of("undo", "--snapshot", pc.toString());
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Nothing to undo"), run.out());
    }

    @Test
    void undoOfAnUnknownJournalIsBadInput() {
        Path pc = SnapshotCopy.of("healthy", temp);
        CliRun run = CliRun.of("undo", "--snapshot", pc.toString(), "--journal", "../../etc/passwd");
        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
    }

    @Test
    void undoSaysPlainlyThatDeletedCredentialsCannotComeBack() {
        Path pc = SnapshotCopy.of("fallback-stale-sspi", temp);
        CliRun.of("heal", "--snapshot", pc.toString());
        CliRun undo = CliRun.of("undo", "--snapshot", pc.toString());
        assertEquals(0, undo.exitCode(), undo.err());
        assertTrue(undo.out().contains("cannot be undone"), undo.out());
        assertTrue(undo.out().contains("MicrosoftOffice16_Data:SSPI:carol@contoso.com"), undo.out());
    }

    @Test
    void anUnknownActionIsAUsageError() {
        CliRun run = CliRun.of("heal", "--only", "format-c");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("enable-mapihttp"), run.err());
    }

    @Test
    void journalsAreWrittenUnderTheSnapshotsStateFolder() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        CliRun.of("heal", "--snapshot", pc.toString());
        try (Stream<Path> journals = Files.list(pc.resolve("LocalAppData/MapiAgent/journal"))) {
            assertEquals(1, journals.filter(p -> p.toString().endsWith(".json")).count());
        }
    }

    @Test
    void healSaysTheNextStepIsRestartingOutlookThenCheckingTheProtocol() {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);

        CliRun run = CliRun.of("heal", "--snapshot", pc.toString());

        assertTrue(run.out().contains("Next step: restart Outlook so it uses the change (mapi-agent heal --only"
                + " restart-outlook), then capture a new Connection Status; if it still shows RPC/HTTP, re-create the"
                + " Outlook profile"), run.out());
    }
}
