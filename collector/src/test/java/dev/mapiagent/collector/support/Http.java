package dev.mapiagent.collector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the tests: JSON in, status and JSON out. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response: status, raw body, body parsed as JSON (missing when not JSON) and the headers. */
    public record Response(int status, String body, JsonNode json, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public Response get(String path, String authorization) {
        return send(request(path, authorization).GET().build());
    }

    /** A GET that may take longer than the usual 30 s: a long-poll, answered after its wait at the latest. */
    public Response get(String path, String authorization, Duration timeout) {
        return send(request(path, authorization).timeout(timeout).GET().build());
    }

    public Response postJson(String path, String authorization, Object body) {
        String text = body instanceof String s ? s : write(body);
        return send(request(path, authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    public Response postBytes(String path, String authorization, String contentType, byte[] body) {
        return send(request(path, authorization).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A POST with Expect: 100-continue, as a careful agent sends large bodies. */
    public Response postExpectingContinue(String path, String authorization, byte[] body) {
        return send(request(path, authorization).header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A request with extra headers (cookies, CSRF token). */
    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = request(path, null);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build());
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), parse(r.body()), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = ProtocolJson.mapper().readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static String write(Object body) {
        try {
            return ProtocolJson.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
