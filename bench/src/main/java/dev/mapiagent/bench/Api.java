package dev.mapiagent.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The collector's HTTP API as the agents and the helpdesk page call it, asynchronous (no thread per request). */
final class Api {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "bench-http");
                t.setDaemon(true);
                return t;
            }))
            .build();

    /** An HTTP failure: status and body. */
    static final class ApiFailure extends RuntimeException {
        ApiFailure(String what, HttpResponse<String> response) {
            super(what + ": HTTP " + response.statusCode() + " " + response.body().lines().findFirst().orElse(""));
        }
    }

    /** A helpdesk page login: its cookie and CSRF token. */
    record Session(String baseUrl, String cookie, String csrfToken) {
    }

    /** An enrolled device: its id and its agent token. */
    record Agent(String deviceId, String token, int number) {
    }

    CompletableFuture<Agent> enroll(String baseUrl, String enrollSecret, String deviceId, int number) {
        String body = json(Map.of("enrollSecret", enrollSecret, "deviceId", deviceId, "hostname", "PC-" + number,
                "user", "ann"));
        return client.sendAsync(post(baseUrl + "/api/v1/enroll", body).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> {
                    expect("enroll " + deviceId, r, 201);
                    return new Agent(deviceId, parse(r.body()).path("agentToken").asText(), number);
                });
    }

    /** Posts a report; completes with the HTTP status (201 stored, 200 duplicate) or fails. */
    CompletableFuture<Integer> report(String baseUrl, Agent agent, String json) {
        return client.sendAsync(post(baseUrl + "/api/v1/reports", json)
                        .header("Authorization", "Bearer " + agent.token()).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    expect("report of " + agent.deviceId(), r, 201, 200);
                    return r.statusCode();
                });
    }

    /** GET /api/v1/commands?wait=N: the command ids handed out. */
    CompletableFuture<List<String>> commands(String baseUrl, Agent agent, int waitSeconds) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/commands?wait=" + waitSeconds))
                .timeout(TIMEOUT.plusSeconds(waitSeconds)).header("Authorization", "Bearer " + agent.token()).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            expect("commands of " + agent.deviceId(), r, 200);
            return parse(r.body()).path("commands").findValuesAsText("commandId");
        });
    }

    Session login(String baseUrl, String password) {
        HttpResponse<String> r = client.sendAsync(post(baseUrl + "/api/v1/login",
                json(Map.of("username", "admin", "password", password))).build(), HttpResponse.BodyHandlers.ofString()).join();
        expect("login", r, 200);
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("mapi_session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("login set no mapi_session cookie"));
        return new Session(baseUrl, cookie, parse(r.body()).path("csrfToken").asText());
    }

    /** Queues a heal as the helpdesk page does; completes with the command id. */
    CompletableFuture<String> heal(Session session, String baseUrl, String deviceId) {
        return client.sendAsync(post(baseUrl + "/api/v1/devices/" + deviceId + "/heal",
                                json(Map.of("actions", List.of("restart-outlook"))))
                        .header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrfToken()).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    expect("heal " + deviceId, r, 201);
                    return parse(r.body()).path("commandId").asText();
                });
    }

    /** The device list of devices whose id contains the text. */
    JsonNode devices(Session session, String containing, int limit) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(session.baseUrl() + "/api/v1/devices?limit=" + limit
                        + "&q=" + URLEncoder.encode(containing, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT).header("Cookie", session.cookie()).GET().build();
        HttpResponse<String> r = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
        expect("devices", r, 200);
        return parse(r.body()).path("devices");
    }

    /** A GET of the helpdesk API in the session, 200 expected; completes with the body. */
    CompletableFuture<String> get(Session session, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(session.baseUrl() + pathAndQuery))
                .timeout(TIMEOUT).header("Cookie", session.cookie()).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            expect("GET " + pathAndQuery, r, 200);
            return r.body();
        });
    }

    /** The value of an unlabelled metric, from /metrics. */
    double metric(String baseUrl, String name) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).timeout(TIMEOUT).GET().build();
        HttpResponse<String> r = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
        expect("metrics", r, 200);
        return r.body().lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
                .orElseThrow(() -> new IllegalStateException("no metric " + name + " at " + baseUrl));
    }

    /** GET /healthz; completes with the status, 200 expected. */
    CompletableFuture<Integer> healthz(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/healthz")).timeout(TIMEOUT).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            expect("healthz", r, 200);
            return r.statusCode();
        });
    }

    boolean healthy(String baseUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/healthz"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static void expect(String what, HttpResponse<String> r, int... statuses) {
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw new ApiFailure(what, r);
    }

    private static JsonNode parse(String body) {
        try {
            return ProtocolJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return ProtocolJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
