package dev.mapiagent.agent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mapiagent.agent.host.SecretProtector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a small in-process stand-in for the collector's agent API. */
class CollectorClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger enrollments = new AtomicInteger();
    private volatile String validToken = "token-1";
    private volatile int reportStatus = 201;
    private volatile int resultStatus = 200;
    private volatile String answerBody = "{}";
    private final List<JsonNode> enrollBodies = new CopyOnWriteArrayList<>();
    private final List<String> reportDates = new CopyOnWriteArrayList<>();
    private final List<String> challengesIssued = new CopyOnWriteArrayList<>();
    private volatile boolean collectorIssuesChallenges = true;
    private TokenStore tokens;
    private DeviceKeyStore keys;
    private CollectorClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/enroll/challenge", ex -> {
            ex.getRequestBody().readAllBytes();
            calls.add("challenge");
            if (!collectorIssuesChallenges) {
                answer(ex, 404, "{\"error\":\"not found\"}");
                return;
            }
            String challenge = "challenge-" + (challengesIssued.size() + 1);
            challengesIssued.add(challenge);
            answer(ex, 200, "{\"challenge\":\"" + challenge + "\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}");
        });
        server.createContext("/api/v1/enroll", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add("enroll");
            enrollBodies.add(JSON.readTree(body));
            if (!JSON.readTree(body).path("enrollSecret").asText().equals("right-secret")) {
                answer(ex, 401, "{\"error\":\"wrong enroll secret\"}");
                return;
            }
            validToken = "token-" + (enrollments.incrementAndGet() + 1);
            answer(ex, 201, "{\"agentToken\":\"" + validToken + "\",\"deviceId\":\"d1\"}");
        });
        server.createContext("/api/v1/reports", ex -> {
            calls.add("report " + ex.getRequestHeaders().getFirst("Authorization"));
            reportDates.add(String.valueOf(ex.getRequestHeaders().getFirst("Date")));
            if (!("Bearer " + validToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                answer(ex, 401, "{\"error\":\"unknown agent token\"}");
                return;
            }
            answer(ex, reportStatus, answerBody);
        });
        server.createContext("/api/v1/commands/c1/result", ex -> {
            calls.add("result " + ex.getRequestMethod());
            answer(ex, resultStatus, answerBody);
        });
        server.createContext("/api/v1/commands", ex -> {
            calls.add("commands" + (ex.getRequestURI().getQuery() == null ? "" : "?" + ex.getRequestURI().getQuery()));
            answer(ex, 200, "{\"commands\":[{\"commandId\":\"c1\",\"actions\":[\"enable-mapihttp\",\"format-disk\"],"
                    + "\"expiresAt\":\"2030-01-01T00:00:00Z\"}]}");
        });
        server.start();
        tokens = new TokenStore(state, SecretProtector.USER_FILE_ONLY);
        keys = new DeviceKeyStore(state, SecretProtector.USER_FILE_ONLY);
        client = client("right-secret", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.stop(0);
    }

    @Test
    void enrollsOnceThenUsesTheKeptToken() throws Exception {
        client.send(report());
        client.send(report());

        assertEquals(List.of("enroll", "report Bearer token-2", "report Bearer token-2"), calls);
        assertEquals(Optional.of("token-2"), tokens.load());
    }

    @Test
    void unknownTokenMeansEnrollAgainAndRepeatTheRequest() throws Exception {
        tokens.save("token-forgotten-by-the-collector");

        Delivery delivery = client.send(report());

        assertEquals(Delivery.ACCEPTED, delivery);
        assertEquals(List.of("report Bearer token-forgotten-by-the-collector", "enroll", "report Bearer token-2"), calls);
        assertEquals(Optional.of("token-2"), tokens.load());
    }

    @Test
    void theFirstEnrollmentMakesADeviceKeyAndRegistersItsPublicHalf() throws Exception {
        client.send(report());

        DeviceKey key = keys.load().orElseThrow();
        assertEquals(key.publicKeyBase64(), enrollBodies.get(0).path("publicKey").asText());
        assertTrue(enrollBodies.get(0).path("proof").isMissingNode(), "nothing to prove at the first enrollment");
        assertEquals(List.of("enroll", "report Bearer token-2"), calls);
    }

    @Test
    void enrollingAgainOn401SignsTheCollectorsChallengeWithTheKeptKey() throws Exception {
        DeviceKey key = keys.create();
        tokens.save("token-forgotten-by-the-collector");

        assertEquals(Delivery.ACCEPTED, client.send(report()));

        assertEquals(List.of("report Bearer token-forgotten-by-the-collector", "challenge", "enroll", "report Bearer token-2"), calls);
        JsonNode body = enrollBodies.get(0);
        assertEquals("challenge-1", body.path("challenge").asText());
        assertEquals(key.publicKeyBase64(), body.path("publicKey").asText());
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key.pair().getPublic());
        verifier.update("mapi-enroll-v1\nd1\nchallenge-1".getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(body.path("proof").asText())));
    }

    @Test
    void aCollectorWithoutChallengesIsEnrolledWithoutProof() throws Exception {
        keys.create();
        collectorIssuesChallenges = false;

        assertEquals(Delivery.ACCEPTED, client.send(report()));

        assertEquals(List.of("challenge", "enroll", "report Bearer token-2"), calls);
        assertTrue(enrollBodies.get(0).path("proof").isMissingNode());
    }

    @Test
    void aReportSaysWhatTimeTheAgentsClockShows() throws Exception {
        client.send(report());

        Instant sent = ZonedDateTime.parse(reportDates.get(0), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(Math.abs(Duration.between(Instant.now(), sent).toSeconds()) < 60, reportDates.toString());
    }

    @Test
    void wrongEnrollSecretIsRetryableAndKeepsNothing() throws Exception {
        client.close();
        client = client("wrong-secret", "http://127.0.0.1:" + server.getAddress().getPort());

        CollectorException e = assertThrows(CollectorException.class, () -> client.send(report()));

        assertTrue(e.getMessage().startsWith("enrollment refused: HTTP 401"), e.getMessage());
        assertEquals(Optional.empty(), tokens.load());
    }

    @Test
    void sameReportIdAgainIsADuplicate() throws Exception {
        reportStatus = 200;

        assertEquals(Delivery.DUPLICATE, client.send(report()));
    }

    @Test
    void badRequestIsRejectedForGoodButServerErrorsAreRetried() throws Exception {
        reportStatus = 400;
        assertEquals(Delivery.REJECTED, client.send(report()));

        reportStatus = 503;
        assertThrows(CollectorException.class, () -> client.send(report()));
    }

    @Test
    void aServerErrorIsTheCollectorFailingOnTheItemButAGatewayErrorIsTheCollectorAway() throws Exception {
        reportStatus = 500;
        assertEquals(CollectorException.Kind.ITEM_FAILED, assertThrows(CollectorException.class,
                () -> client.send(report())).kind());

        for (int gateway : new int[] {502, 503, 504}) {
            reportStatus = gateway;
            assertEquals(CollectorException.Kind.UNAVAILABLE, assertThrows(CollectorException.class,
                    () -> client.send(report())).kind(), "HTTP " + gateway);
        }
    }

    @Test
    void aRedirectedReportIsKeptAsAConfigurationProblemNotRejected() throws Exception {
        for (int redirect : new int[] {301, 302, 307, 308}) {
            reportStatus = redirect;

            CollectorException e = assertThrows(CollectorException.class, () -> client.send(report()), "HTTP " + redirect);

            assertEquals(CollectorException.Kind.MISCONFIGURED, e.kind());
            assertTrue(e.getMessage().contains("check CollectorUrl"), e.getMessage());
        }
    }

    @Test
    void aReportAnsweredWithNotFoundIsKeptAsAConfigurationProblem() {
        reportStatus = 404;
        answerBody = "<html><body>404 Not Found</body></html>";

        CollectorException e = assertThrows(CollectorException.class, () -> client.send(report()));

        assertEquals(CollectorException.Kind.MISCONFIGURED, e.kind());
    }

    @Test
    void aResultForACommandTheCollectorDoesNotKnowIsRejectedButAProxysNotFoundIsNot() throws Exception {
        SpoolItem result = SpoolItem.result("c1", JSON.createObjectNode().put("status", "succeeded").put("exitCode", 0));
        resultStatus = 404;
        answerBody = "{\"error\":\"not found\",\"detail\":\"no command c1\"}";
        assertEquals(Delivery.REJECTED, client.send(result));

        answerBody = "<html><body>404 Not Found</body></html>";
        assertEquals(CollectorException.Kind.MISCONFIGURED,
                assertThrows(CollectorException.class, () -> client.send(result)).kind());
    }

    @Test
    void aResultSentAgainIsDoneWhetherTheCollectorAnswersWithTheStoredOutcomeOrAConflict() throws Exception {
        SpoolItem result = SpoolItem.result("c1", JSON.createObjectNode().put("status", "succeeded").put("exitCode", 0));
        assertEquals(Delivery.ACCEPTED, client.send(result), "200: recorded now, or the same result recorded before");

        resultStatus = 409;
        assertEquals(Delivery.DUPLICATE, client.send(result), "409: the command already has a (different) final status");
        assertEquals(List.of("enroll", "result POST", "result POST"), calls);
    }

    @Test
    void unreachableCollectorIsRetryable() throws Exception {
        server.stop(0);

        CollectorException e = assertThrows(CollectorException.class, () -> client.send(report()));

        assertTrue(e.getMessage().startsWith("collector unreachable"), e.getMessage());
    }

    @Test
    void commandsKeepUnknownActionsByNameSoTheyCanBeRefused() throws Exception {
        List<PendingCommand> commands = client.fetchCommands();

        assertEquals(List.of(new PendingCommand("c1", List.of("enable-mapihttp", "format-disk"),
                Instant.parse("2030-01-01T00:00:00Z"))), commands);
    }

    @Test
    void aWaitTurnsTheCommandFetchIntoALongPoll() throws Exception {
        client.fetchCommands(Duration.ofSeconds(50));
        client.fetchCommands();

        assertEquals(List.of("commands?wait=50", "commands"),
                calls.stream().filter(c -> c.startsWith("commands")).toList());
    }

    private CollectorClient client(String secret, String url) throws Exception {
        return new CollectorClient(CollectorAddress.parse(url),
                AgentHttp.client(SSLContext.getDefault(), Duration.ofSeconds(3), Duration.ofSeconds(3)), tokens, keys,
                new DeviceIdentity("d1", "PC-1", "ann"), secret);
    }

    private static SpoolItem report() {
        return SpoolItem.report(JSON.createObjectNode().put("reportId", "r1"));
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
