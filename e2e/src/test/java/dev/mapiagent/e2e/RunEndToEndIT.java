package dev.mapiagent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logon mode end to end: the real collector jar as a process, the real agent jar run with
 * {@code run --once} on copies of the example snapshots.
 */
class RunEndToEndIT {

    private static final Path AGENT_JAR = Path.of(System.getProperty("e2e.agentJar", "../agent/target/mapi-agent.jar"));
    private static final Path COLLECTOR_JAR =
            Path.of(System.getProperty("e2e.collectorJar", "../collector/target/mapi-collector.jar"));
    private static final Path EXAMPLES = Path.of(System.getProperty("e2e.examples", "../examples"));

    @TempDir
    static Path temp;

    private static CollectorProcess collector;

    @BeforeAll
    static void startCollector() throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(AGENT_JAR), "build the agent first: " + AGENT_JAR);
        assertTrue(Files.isRegularFile(COLLECTOR_JAR), "build the collector first: " + COLLECTOR_JAR);
        collector = new CollectorProcess(COLLECTOR_JAR, temp.resolve("collector"));
        collector.start();
    }

    @AfterAll
    static void stopCollector() throws InterruptedException {
        collector.close();
    }

    @Test
    void firstCycleEnrollsAndTheReportAppearsSilently() throws Exception {
        AgentSnapshot pc = snapshot("mapihttp-disabled");

        AgentSnapshot.Run run = pc.runOnce();

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("", run.err());
        JsonNode device = collector.device(pc.deviceId);
        assertEquals("PC-0202", device.path("hostname").asText());
        assertEquals("DEGRADED", device.path("verdict").asText());
        assertTrue(device.path("latest").path("findings").toString().contains("MAPIHTTP_DISABLED_REGISTRY"));
        assertEquals(List.of(), pc.spooledReportIds());
    }

    @Test
    void helpdeskHealIsRunByTheNextCycleAndTheCollectorShowsTheHealthyResult() throws Exception {
        AgentSnapshot pc = snapshot("mapihttp-disabled");
        assertEquals(0, pc.runOnce().exitCode());
        String commandId = collector.queueHeal(pc.deviceId, "enable-mapihttp", "reset-autodiscover-cache")
                .path("commandId").asText();

        AgentSnapshot.Run run = pc.runOnce();

        assertEquals(0, run.exitCode(), run.err());
        JsonNode command = command(collector.device(pc.deviceId), commandId);
        assertEquals("succeeded", command.path("status").asText(), command.toString());
        assertEquals(0, command.path("exitCode").asInt(), command.toString());
        assertTrue(command.path("message").asText().contains("enable-mapihttp applied"), command.toString());
        assertFalse(command.path("beforeReportId").isNull());
        assertFalse(command.path("afterReportId").isNull());
        assertTrue(pc.registryText().contains("\"MapiHttpDisabled\"=dword:00000000"), "the snapshot is fixed");

        assertEquals(0, pc.runOnce().exitCode());
        assertEquals("HEALTHY", collector.device(pc.deviceId).path("verdict").asText());
    }

    @Test
    void residentAgentRunsAHealQueuedWhileItWaitsAndReleasesMemoryAfterEachPieceOfWork() throws Exception {
        AgentSnapshot pc = snapshot("mapihttp-disabled");
        Process agent = pc.startResident();
        try {
            await(() -> pc.agentLog().contains("waiting for commands"), Duration.ofSeconds(90), "the first cycle");
            String commandId = collector.queueHeal(pc.deviceId, "enable-mapihttp").path("commandId").asText();

            // the default poll interval is minutes; only the long-poll's wake-up answers within seconds
            await(() -> "succeeded".equals(command(collector.device(pc.deviceId), commandId).path("status").asText()),
                    PROMPTLY, "the heal, answered by the long-poll");
            await(() -> pc.agentLog().split("released idle memory", -1).length == 3, PROMPTLY, "a release after the heal");
            assertTrue(agent.isAlive(), "still resident");
        } finally {
            agent.destroy();
            agent.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstCycleMakesTheStartupArchiveThatTheNextStartMaps() throws Exception {
        AgentSnapshot pc = snapshot("healthy");
        Path archive = temp.resolve("cds-" + pc.deviceId).resolve("mapi-agent.jsa");
        List<String> launcher = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + archive);

        AgentSnapshot.Run first = pc.runOnce(launcher);

        assertEquals(0, first.exitCode(), first.err());
        assertTrue(Files.isRegularFile(archive), pc.agentLog());
        assertTrue(pc.agentLog().contains("start-up archive made: " + archive));
        // -Xshare:on: a JVM that cannot map the archive refuses to start
        List<String> strict = new ArrayList<>(launcher);
        strict.add("-Xshare:on");
        Path classes = temp.resolve("classes-" + pc.deviceId + ".log");
        strict.add("-Xlog:class+load:file=" + classes);
        AgentSnapshot.Run second = pc.runOnce(strict);
        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertEquals(1, pc.agentLog().split("start-up archive made", -1).length - 1, "made once, then current");
        // the logon mode builds the JSON mapper (settings, spool, the collector's answers) though diagnose does not:
        // the archive is trained on a run that builds it too
        assertTrue(Files.readAllLines(classes).stream().anyMatch(line ->
                line.contains(" com.fasterxml.jackson.databind.ObjectMapper source: shared objects file")), classes.toString());
    }

    @Test
    void withTheCollectorDownCyclesSpoolAndEveryItemIsDeliveredOnceWhenItIsBack() throws Exception {
        AgentSnapshot pc = snapshot("fallback-stale-sspi");
        assertEquals(0, pc.runOnce().exitCode());
        List<String> spooled = new ArrayList<>();

        collector.stop();
        try {
            for (int i = 0; i < 2; i++) {
                AgentSnapshot.Run offline = pc.runOnce();
                assertEquals(0, offline.exitCode(), offline.err());
                assertEquals("", offline.err());
            }
            spooled.addAll(pc.spooledReportIds());
        } finally {
            collector.start();
        }
        assertEquals(2, spooled.size());
        assertTrue(pc.agentLog().contains("collector not reached"));

        assertEquals(0, pc.runOnce().exitCode());
        assertEquals(0, pc.runOnce().exitCode());

        assertEquals(List.of(), pc.spooledReportIds());
        List<String> history = new ArrayList<>();
        collector.device(pc.deviceId).path("reports").forEach(r -> history.add(r.path("reportId").asText()));
        for (String id : spooled) {
            assertEquals(1, history.stream().filter(id::equals).count(), id + " in " + history);
        }
        assertEquals(5, history.size(), "one report per cycle, each once: " + history);
    }

    @Test
    void anActionForbiddenByPolicyIsRefusedAndTheRefusalReported() throws Exception {
        AgentSnapshot pc = snapshot("mapihttp-disabled");
        pc.addMachinePolicy("AllowedRemoteActions", "enable-mapihttp");
        assertEquals(0, pc.runOnce().exitCode());
        String commandId = collector.queueHeal(pc.deviceId, "reset-autodiscover-cache").path("commandId").asText();
        String registryBefore = pc.registryText();

        AgentSnapshot.Run run = pc.runOnce();

        assertEquals(0, run.exitCode(), run.err());
        JsonNode command = command(collector.device(pc.deviceId), commandId);
        assertEquals("refused", command.path("status").asText(), command.toString());
        assertTrue(command.path("message").asText().contains("reset-autodiscover-cache"), command.toString());
        assertTrue(pc.agentLog().contains(" MapiAgent 1020 "), "event 1020 written");
        assertEquals(registryBefore, pc.registryText());
        assertTrue(Files.list(pc.dir.resolve("LocalAppData").resolve("Microsoft").resolve("Outlook")).findAny().isPresent(),
                "the Autodiscover cache is untouched");
    }

    private AgentSnapshot snapshot(String example) throws IOException {
        return new AgentSnapshot(EXAMPLES, example, temp, AGENT_JAR, collector.url());
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Under the agent's shortest long-poll (35 s): what arrives sooner came by the long-poll's wake-up. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    private static void await(Condition condition, Duration within, String what) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!holds(condition)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static boolean holds(Condition condition) throws Exception {
        try {
            return condition.holds();
        } catch (NoSuchFileException e) {
            return false; // the agent has not written its log yet
        }
    }

    private static JsonNode command(JsonNode device, String commandId) {
        for (JsonNode c : device.path("commands")) {
            if (c.path("commandId").asText().equals(commandId)) {
                return c;
            }
        }
        throw new AssertionError("command " + commandId + " not in " + device.path("commands"));
    }
}
