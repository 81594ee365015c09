package dev.mapiagent.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.agent.cli.SnapshotCopy;
import dev.mapiagent.agent.collector.PendingCommand;
import dev.mapiagent.agent.collector.SpoolItem;
import dev.mapiagent.agent.diagnosis.Diagnoser;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.heal.HealContext;
import dev.mapiagent.agent.heal.Healer;
import dev.mapiagent.agent.heal.JournalStore;
import dev.mapiagent.agent.host.DevUrandom;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.RandomIds;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import dev.mapiagent.protocol.HealAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path temp;

    private SnapshotHost host;
    private final List<String> events = new ArrayList<>();
    private CommandRunner runner;

    @BeforeEach
    void snapshot() {
        host = SnapshotHost.open(SnapshotCopy.of("mapihttp-disabled", temp));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Diagnoser diagnoser = new Diagnoser(host, clock, "test", new RandomIds(DevUrandom.SYSTEM));
        DiagnosisInput input = DiagnosisInput.defaults();
        PcState pc = new PcState(diagnoser, input, new JournalStore(HealContext.stateFolderOf(host))::anyCompleted,
                Optional.empty());
        Healer healer = new Healer(new HealContext(host, HealContext.stateFolderOf(host), input.officeCredentialPrefixes(),
                Duration.ZERO), pc, clock);
        EventLog recording = (level, id, message) -> events.add(level + " " + id + " " + message);
        runner = new CommandRunner(healer, Set.of(HealAction.ENABLE_MAPIHTTP), recording,
                pc, clock, new FinishedCommands(HealContext.stateFolderOf(host)));
    }

    @Test
    void anAllowedCommandHealsAndReportsBeforeAndAfter() {
        JsonNode result = runner.run(command("enable-mapihttp")).orElseThrow().body();

        assertEquals("succeeded", result.path("status").asText());
        assertTrue(result.path("message").asText().startsWith("enable-mapihttp applied (journal "));
        assertTrue(result.path("before").path("reportId").isTextual());
        assertTrue(result.path("after").path("reportId").isTextual());
        assertEquals(Optional.of(0L), host.registry().number(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange",
                "MapiHttpDisabled"));
    }

    @Test
    void anActionPolicyDoesNotAllowIsRefusedWholeWithEvent1020() {
        SpoolItem item = runner.run(command("enable-mapihttp", "reset-autodiscover-cache")).orElseThrow();

        assertEquals("c1", item.commandId());
        assertEquals("refused", item.body().path("status").asText());
        assertEquals(2, item.body().path("exitCode").asInt());
        assertEquals("refused: local policy (AllowedRemoteActions) does not allow reset-autodiscover-cache",
                item.body().path("message").asText());
        assertTrue(item.body().path("after").isNull());
        assertEquals(List.of("WARNING 1020 remote command c1 refused: local policy (AllowedRemoteActions) does not allow"
                + " reset-autodiscover-cache"), events);
        assertEquals(Optional.of(1L), host.registry().number(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange",
                "MapiHttpDisabled"), "nothing was changed");
    }

    @Test
    void anActionThisAgentDoesNotKnowIsRefusedByName() {
        JsonNode result = runner.run(command("format-disk")).orElseThrow().body();

        assertEquals("refused", result.path("status").asText());
        assertTrue(result.path("message").asText().endsWith("does not allow format-disk"));
    }

    @Test
    void anExpiredCommandIsNotStarted() {
        PendingCommand expired = new PendingCommand("c2", List.of("enable-mapihttp"), NOW.minusSeconds(1));

        assertEquals(Optional.empty(), runner.run(expired));
        assertEquals(List.of(), events);
    }

    @Test
    void aRedeliveredFinishedCommandIsNotRunAgainAndItsKeptResultIsSentAgain() {
        SpoolItem first = runner.run(command("enable-mapihttp")).orElseThrow();
        // were the heal run again, it would change this back and write a second journal
        host.registry().setDword(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled", 1);

        SpoolItem again = runner.run(command("enable-mapihttp")).orElseThrow();

        assertEquals("c1", again.commandId());
        assertEquals(first.body().toString(), again.body().toString(), "the same result, so the collector records it once");
        assertEquals(Optional.of(1L), host.registry().number(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange",
                "MapiHttpDisabled"), "not healed twice");
        assertEquals(1, new JournalStore(HealContext.stateFolderOf(host)).ids().size());
    }

    @Test
    void aFinishedCommandIsRecognisedWhenItComesBack() {
        assertFalse(runner.alreadyFinished(command("enable-mapihttp")));
        runner.run(command("enable-mapihttp"));

        assertTrue(runner.alreadyFinished(command("enable-mapihttp")));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // making a symbolic link needs a privilege there
    void aHealThroughALinkedAgentFolderIsRefusedAndReportedBack() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(HealContext.stateFolderOf(host), elsewhere);

        JsonNode result = runner.run(command("enable-mapihttp")).orElseThrow().body();

        assertEquals("refused", result.path("status").asText());
        assertEquals(2, result.path("exitCode").asInt());
        assertTrue(result.path("message").asText().contains("is a link"), result.toString());
        assertTrue(events.get(0).startsWith("WARNING 1020 remote command c1 refused"), events.toString());
        assertEquals(Optional.of(1L), host.registry().number(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange",
                "MapiHttpDisabled"), "not healed");
    }

    private static PendingCommand command(String... actions) {
        return new PendingCommand("c1", List.of(actions), NOW.plusSeconds(3600));
    }
}
