package dev.mapiagent.agent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mapiagent.agent.cli.SnapshotCopy;
import dev.mapiagent.agent.collector.AgentHttp;
import dev.mapiagent.agent.collector.CollectorAddress;
import dev.mapiagent.agent.collector.CollectorClient;
import dev.mapiagent.agent.collector.DeviceIdentity;
import dev.mapiagent.agent.collector.DeviceKeyStore;
import dev.mapiagent.agent.collector.Spool;
import dev.mapiagent.agent.collector.TokenStore;
import dev.mapiagent.agent.config.AgentConfig;
import dev.mapiagent.agent.diagnosis.Diagnoser;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.heal.HealContext;
import dev.mapiagent.agent.heal.HealEvents;
import dev.mapiagent.agent.heal.Healer;
import dev.mapiagent.agent.heal.JournalStore;
import dev.mapiagent.agent.host.AgentLogFile;
import dev.mapiagent.agent.host.DevUrandom;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.RandomIds;
import dev.mapiagent.agent.host.SecretProtector;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import dev.mapiagent.protocol.HealAction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logon cycle against a stand-in collector that misbehaves the ways real deployments do. */
class LogonCycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private HttpServer server;
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String poisonReportId;
    private volatile int reportStatus = 201;
    private volatile String commands = "{\"commands\":[]}";
    private Path pc;
    private Host host;
    private CollectorClient client;
    private LogonCycle cycle;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/enroll", ex -> answer(ex, 201, "{\"agentToken\":\"t\"}"));
        server.createContext("/api/v1/reports", ex -> {
            String id = JSON.readTree(ex.getRequestBody().readAllBytes()).path("reportId").asText();
            if (poisonReportId == null) {
                poisonReportId = id; // the first report is the one the database cannot take
            }
            if (id.equals(poisonReportId) || reportStatus != 201) {
                answer(ex, id.equals(poisonReportId) ? 500 : reportStatus, "<html>error</html>");
                return;
            }
            stored.add(id);
            answer(ex, 201, "{}");
        });
        server.createContext("/", ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
            answer(ex, 200, ex.getRequestURI().getPath().equals("/api/v1/commands") ? commands : "{}");
        });
        server.start();

        pc = SnapshotCopy.of("mapihttp-disabled", temp);
        host = SnapshotHost.open(pc);
        Path state = HealContext.stateFolderOf(host);
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        AgentConfig config = new AgentConfig(url, "s", "", Set.of(), Set.of(HealAction.ENABLE_MAPIHTTP), Duration.ZERO,
                Duration.ofSeconds(60), false, false);
        Clock clock = Clock.systemUTC();
        Diagnoser diagnoser = new Diagnoser(host, clock, "test", new RandomIds(DevUrandom.SYSTEM));
        PcState pc = new PcState(diagnoser, DiagnosisInput.defaults(), new JournalStore(state)::anyCompleted,
                Optional.empty());
        Healer healer = new Healer(HealContext.of(host, DiagnosisInput.DEFAULT_CREDENTIAL_PREFIXES), pc, clock);
        client = new CollectorClient(CollectorAddress.parse(url),
                AgentHttp.client(SSLContext.getDefault(), Duration.ofSeconds(3), Duration.ofSeconds(3)),
                new TokenStore(state, SecretProtector.USER_FILE_ONLY),
                new DeviceKeyStore(state, SecretProtector.USER_FILE_ONLY), new DeviceIdentity("d1", "PC-1", "bob"), "s");
        CommandRunner commands = new CommandRunner(healer, config.allowedRemoteActions(), host.eventLog(), pc, clock,
                new FinishedCommands(state));
        cycle = new LogonCycle(pc, healer, commands, config, client, new Spool(state.resolve("spool"), 200, 20_000_000),
                new RunLog(AgentLogFile.of(host.localAppData(), clock)), host.eventLog());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.stop(0);
    }

    @Test
    void aReportTheCollectorKeepsFailingOnIsSetAsideWithAnEventAndTheReportsBehindItArrive() throws IOException {
        assertFalse(cycle.first(), "the poison report heads the spool");
        assertFalse(cycle.first(), "the next logon's report waits behind it");
        for (int i = 0; i < 2; i++) {
            assertFalse(cycle.poll(Duration.ZERO));
        }

        assertTrue(cycle.poll(Duration.ZERO), "fifth failure: set aside, the rest flows");

        assertEquals(1, stored.size());
        String log = agentLog();
        assertTrue(log.contains("MapiAgent " + HealEvents.SPOOL_ITEM_SET_ASIDE + " report " + poisonReportId + " set aside"),
                log);
    }

    @Test
    void aRedirectKeepsTheReportAndIsLoggedOnceNotAtEveryRetry() throws IOException {
        poisonReportId = "none";
        reportStatus = 302;

        assertFalse(cycle.first());
        for (int i = 0; i < 3; i++) {
            assertFalse(cycle.poll(Duration.ZERO));
        }

        assertEquals(1, new Spool(HealContext.stateFolderOf(host).resolve("spool"), 200, 20_000_000).size());
        assertEquals(1, agentLog().lines().filter(l -> l.contains("collector misconfigured")).count(), agentLog());
        assertTrue(agentLog().contains("HTTP 302"), agentLog());
    }

    @Test
    void aCommandWithAMalformedIdIsRefusedWholeAndNothingOfItRuns() throws IOException {
        poisonReportId = "none";
        commands = "{\"commands\":[{\"commandId\":\"../../enroll\",\"actions\":[\"enable-mapihttp\"]}]}";

        assertTrue(cycle.first());

        assertEquals(Optional.of(1L), SnapshotHost.open(pc).registry()
                .number(Hive.HKEY_CURRENT_USER, "Software\\Microsoft\\Exchange", "MapiHttpDisabled"), "not healed");
        assertEquals(List.of("GET /api/v1/commands"), calls, "no result sent anywhere");
        String log = agentLog();
        assertTrue(log.contains("MapiAgent " + HealEvents.REMOTE_COMMAND_REFUSED + " remote command ../../enroll refused whole"),
                log);
    }

    private String agentLog() throws IOException {
        return Files.readString(pc.resolve("LocalAppData/MapiAgent/logs/agent.log"), StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
