package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mapiagent.agent.run.SingleInstance;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path temp;

    @Test
    void unreachableCollectorStillCompletesTheCycleSilentlyAndSpoolsTheReport() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Path config = config("http://127.0.0.1:" + closedPort());

        CliRun run = CliRun.of("run", "--once", "--snapshot", pc.toString(), "--config", config.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("", run.err());
        assertEquals(1, spooled(pc));
        assertTrue(Files.readString(state(pc).resolve("logs").resolve("agent.log")).contains("collector not reached"));
    }

    @Test
    void aHostileAutodiscoverFileStillLetsTheReportGoOutNamingTheFile() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        String hostile = "Microsoft/Outlook/16/planted.xml";
        Files.createDirectories(pc.resolve("LocalAppData/Microsoft/Outlook/16"));
        Files.writeString(pc.resolve("LocalAppData").resolve(hostile), "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Autodiscover>&x;</Autodiscover>");
        List<JsonNode> reports = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/api/v1/enroll", ex -> answer(ex, 201, "{\"agentToken\":\"t\"}"));
        collector.createContext("/api/v1/reports", ex -> {
            reports.add(ProtocolJson.mapper().readTree(ex.getRequestBody().readAllBytes()));
            answer(ex, 201, "{}");
        });
        collector.createContext("/api/v1/commands", ex -> answer(ex, 200, "{\"commands\":[]}"));
        collector.start();
        try {
            CliRun run = CliRun.of("run", "--once", "--snapshot", pc.toString(), "--config",
                    config("http://127.0.0.1:" + collector.getAddress().getPort()).toString());

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("", run.err());
        } finally {
            collector.stop(0);
        }
        assertEquals(1, reports.size());
        List<String> evidence = new ArrayList<>();
        reports.get(0).path("findings").forEach(f -> {
            if (f.path("code").asText().equals("AUTODISCOVER_FILE_REFUSED")) {
                evidence.add(f.path("evidence").asText());
            }
        });
        assertEquals(List.of(hostile), evidence);
        assertEquals(0, spooled(pc));
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** Without --once and without a StayResident setting: a single-session PC would wait for commands here. */
    @Test
    void onAMultiSessionHostTheAgentExitsAfterTheLogonCycleAndSaysWhichPolicyChangesIt() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Files.writeString(pc.resolve("windows.json"), "{\"suiteMask\": 16, \"productType\": 8}");

        CliRun run = CliRun.of("run", "--snapshot", pc.toString(), "--config",
                config("http://127.0.0.1:" + closedPort()).toString());

        assertEquals(0, run.exitCode(), run.err());
        String log = Files.readString(state(pc).resolve("logs").resolve("agent.log"));
        assertTrue(log.contains("Remote Desktop Session Host (application server mode) (suite mask 0x0010, product type 0x8)"), log);
        assertTrue(log.contains("StayResident is 0, the default on a multi-session host; the StayResident policy set to 1"
                + " keeps the agent resident"), log);
        assertEquals(1, spooled(pc));
    }

    @Test
    void aSecondInstanceForTheSameUserExitsAtOnceWithANote() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Path config = config("http://127.0.0.1:" + closedPort());

        try (SingleInstance first = SingleInstance.acquire(state(pc)).orElseThrow()) {
            CliRun run = CliRun.of("run", "--once", "--snapshot", pc.toString(), "--config", config.toString());

            assertEquals(0, run.exitCode());
            assertEquals("mapi-agent: already running for this user; nothing to do", run.err().strip());
            assertEquals(0, spooled(pc));
        }
    }

    @Test
    void plainHttpToARemoteCollectorIsBadInput() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);

        CliRun run = CliRun.of("run", "--once", "--snapshot", pc.toString(), "--config",
                config("http://collector.contoso.com").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("plain http"), run.err());
    }

    @Test
    void missingCollectorUrlIsBadInput() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);

        CliRun run = CliRun.of("run", "--once", "--snapshot", pc.toString());

        assertEquals(2, run.exitCode());
        assertEquals("mapi-agent: CollectorUrl is not configured (policy, config file or MSI property)", run.err().strip());
    }

    @Test
    void theSnapshotsOwnAgentJsonIsTheDefaultConfigFile() throws IOException {
        Path pc = SnapshotCopy.of("mapihttp-disabled", temp);
        Files.copy(config("http://127.0.0.1:" + closedPort()), pc.resolve("agent.json"));

        CliRun run = CliRun.of("run", "--once", "--snapshot", pc.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, spooled(pc));
    }

    private Path config(String url) throws IOException {
        return Files.writeString(temp.resolve("config.json"),
                "{\"collectorUrl\": \"" + url + "\", \"enrollSecret\": \"s\", \"startDelayMaxSeconds\": 0}");
    }

    private static Path state(Path pc) {
        return pc.resolve("LocalAppData").resolve("MapiAgent");
    }

    private static long spooled(Path pc) throws IOException {
        Path spool = state(pc).resolve("spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
