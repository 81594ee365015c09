package dev.mapiagent.agent.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.cli.SnapshotCopy;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.host.CloseOutcome;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.CredentialVault;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.agent.host.ExecutionContext;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Processes;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import dev.mapiagent.protocol.HealAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * restart-outlook in a heal with other actions: Outlook closes before anything changes and starts after
 * everything changed, with the program that was running; an elevated agent leaves Outlook alone.
 */
class RestartOutlookOrderTest {

    private static final String OUTLOOK_PATH = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
    private static final Set<HealAction> ALL = Set.of(HealAction.ENABLE_MAPIHTTP, HealAction.CLEAR_OFFICE_CREDENTIALS,
            HealAction.RESET_AUTODISCOVER_CACHE, HealAction.RESTART_OUTLOOK);

    @TempDir
    Path temp;

    /** The snapshot, with every change and every close or start written to {@code calls} in order. */
    record Recording(SnapshotHost snapshot, List<String> calls, boolean elevated) implements Host {
        @Override public EventLog eventLog() { return snapshot.eventLog(); }
        @Override public Path localAppData() { return snapshot.localAppData(); }
        @Override public Optional<String> connectionStatusText() { return snapshot.connectionStatusText(); }
        @Override public String deviceId() { return snapshot.deviceId(); }
        @Override public String hostname() { return snapshot.hostname(); }
        @Override public String userName() { return snapshot.userName(); }
        @Override public String describe() { return snapshot.describe(); }

        @Override
        public ExecutionContext executionContext() {
            return new ExecutionContext("S-1-5-21-1-2-3-1001", 1, elevated);
        }

        @Override
        public Registry registry() {
            Registry real = snapshot.registry();
            return new Registry() {
                @Override public boolean keyExists(Hive hive, String keyPath) { return real.keyExists(hive, keyPath); }
                @Override public Optional<RegistryValue> value(Hive hive, String keyPath, String valueName) {
                    return real.value(hive, keyPath, valueName);
                }
                @Override public List<String> subKeys(Hive hive, String keyPath) { return real.subKeys(hive, keyPath); }
                @Override public List<RegistryValue> values(Hive hive, String keyPath) { return real.values(hive, keyPath); }
                @Override public void setDword(Hive hive, String keyPath, String valueName, long value) {
                    calls.add("set " + valueName);
                    real.setDword(hive, keyPath, valueName, value);
                }
                @Override public void deleteValue(Hive hive, String keyPath, String valueName) {
                    calls.add("delete value " + valueName);
                    real.deleteValue(hive, keyPath, valueName);
                }
            };
        }

        @Override
        public CredentialVault credentials() {
            CredentialVault real = snapshot.credentials();
            return new CredentialVault() {
                @Override public List<StoredCredential> list() { return real.list(); }
                @Override public boolean delete(String target, CredentialType type) {
                    calls.add("delete credential");
                    return real.delete(target, type);
                }
            };
        }

        @Override
        public Processes processes() {
            Processes real = snapshot.processes();
            Path cache = snapshot.localAppData().resolve("Microsoft/Outlook");
            return new Processes() {
                @Override public List<ProcessInfo> list() { return real.list(); }
                @Override public int currentSessionId() { return real.currentSessionId(); }
                @Override public Optional<String> imagePath(ProcessInfo process) { return real.imagePath(process); }
                @Override public CloseOutcome closeGracefully(ProcessInfo process, Duration wait) {
                    calls.add("close " + process.pid() + (autodiscoverFilesIn(cache) ? " (cache still there)" : ""));
                    return real.closeGracefully(process, wait);
                }
                @Override public void start(String executable) {
                    calls.add("start " + executable + (autodiscoverFilesIn(cache) ? " (cache still there)" : ""));
                    real.start(executable);
                }
            };
        }
    }

    private static boolean autodiscoverFilesIn(Path folder) {
        try (var files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith("Autodiscover.xml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HealResultAndCalls heal(String example, boolean elevated, String processesJson) throws IOException {
        Path pc = SnapshotCopy.of(example, temp);
        if (processesJson != null) {
            Files.writeString(pc.resolve("processes.json"), processesJson);
        }
        List<String> calls = new ArrayList<>();
        Host host = new Recording(SnapshotHost.open(pc), calls, elevated);
        HealContext context = new HealContext(host, HealContext.stateFolderOf(host),
                DiagnosisInput.DEFAULT_CREDENTIAL_PREFIXES, Duration.ofSeconds(1));
        HealResult result = new Healer(context, TestPcState.of(host), Clock.systemUTC())
                .heal(new HealRequest(ALL, false));
        return new HealResultAndCalls(pc, result, calls);
    }

    record HealResultAndCalls(Path pc, HealResult result, List<String> calls) {
        JournalStep step(HealAction action) {
            return result.steps().stream().filter(s -> s.action() == action).findFirst().orElseThrow();
        }

        String journal() throws IOException {
            try (var files = Files.list(pc.resolve("LocalAppData/MapiAgent/journal"))) {
                return Files.readString(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow());
            }
        }
    }

    private static String outlookAt(String path, boolean ignoresClose) {
        return "[{\"name\": \"OUTLOOK.EXE\", \"pid\": 7344, \"sessionId\": 1, \"path\": \"" + path.replace("\\", "\\\\")
                + "\"" + (ignoresClose ? ", \"ignoresClose\": true" : "") + "}]";
    }

    @Test
    void outlookClosesBeforeAnyChangeAndStartsAfterAll() throws IOException {
        HealResultAndCalls heal = heal("fallback-stale-sspi", false, outlookAt(OUTLOOK_PATH, false));

        List<String> calls = heal.calls();
        assertEquals("close 7344 (cache still there)", calls.get(0), calls::toString);
        assertEquals("start " + OUTLOOK_PATH, calls.get(calls.size() - 1), calls::toString);
        assertTrue(calls.contains("delete credential"), calls::toString);
        assertEquals(StepState.APPLIED, heal.step(HealAction.RESTART_OUTLOOK).state());
    }

    @Test
    void restartOutlookIsOneJournalStepAfterTheOthers() throws IOException {
        HealResultAndCalls heal = heal("fallback-stale-sspi", false, outlookAt(OUTLOOK_PATH, false));

        List<HealAction> order = heal.result().steps().stream().map(JournalStep::action).toList();
        assertEquals(HealAction.RESTART_OUTLOOK, order.get(order.size() - 1));
        assertEquals(1, order.stream().filter(a -> a == HealAction.RESTART_OUTLOOK).count());
    }

    /** Not an App Paths lookup: the program that was running, from its full path, also for a 32-bit or MSI Office. */
    @Test
    void startsTheProgramThatWasRunning() throws IOException {
        String office15 = "D:\\Apps\\Office15\\OUTLOOK.EXE";
        HealResultAndCalls heal = heal("fallback-stale-sspi", false, outlookAt(office15, false));

        assertTrue(heal.calls().contains("start " + office15), heal.calls()::toString);
        assertTrue(Files.readString(heal.pc().resolve("processes.json")).contains("D:\\\\Apps\\\\Office15\\\\OUTLOOK.EXE"));
    }

    @Test
    void withoutAKnownPathTheShellFindsOutlookByName() throws IOException {
        HealResultAndCalls heal = heal("fallback-stale-sspi", false, null);

        assertTrue(heal.calls().contains("start OUTLOOK.EXE"), heal.calls()::toString);
    }

    /** The other fixes are still made; Outlook is neither forced nor started a second time. */
    @Test
    void anOutlookThatDoesNotCloseFailsTheStepAndIsNotStarted() throws IOException {
        HealResultAndCalls heal = heal("fallback-stale-sspi", false, outlookAt(OUTLOOK_PATH, true));

        JournalStep restart = heal.step(HealAction.RESTART_OUTLOOK);
        assertEquals(StepState.FAILED, restart.state());
        assertTrue(restart.message().contains("did not close in time"), restart.message());
        assertTrue(heal.calls().stream().noneMatch(c -> c.startsWith("start")), heal.calls()::toString);
        assertEquals(StepState.APPLIED, heal.step(HealAction.CLEAR_OFFICE_CREDENTIALS).state());
    }

    /** An elevated agent would start an elevated Outlook: it does not touch Outlook and says why, in the journal too. */
    @Test
    void anElevatedAgentLeavesOutlookAloneAndSaysWhy() throws IOException {
        HealResultAndCalls heal = heal("fallback-stale-sspi", true, outlookAt(OUTLOOK_PATH, false));

        JournalStep restart = heal.step(HealAction.RESTART_OUTLOOK);
        assertEquals(StepState.FAILED, restart.state());
        assertTrue(restart.message().contains("runs elevated"), restart.message());
        assertTrue(heal.calls().stream().noneMatch(c -> c.startsWith("close") || c.startsWith("start")), heal.calls()::toString);
        assertTrue(heal.journal().contains("runs elevated"), heal.journal());
        assertTrue(heal.result().plan().stream().anyMatch(p -> p.note().contains("runs elevated")));
    }
}
