package dev.mapiagent.agent.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The agent's side of the collector API (DESIGN.md §6): enroll once, then send reports and command
 * results and fetch commands with the Bearer token. When the collector no longer knows the token (401)
 * the agent enrolls again and repeats the request once.
 */
public final class CollectorClient implements Closeable {

    /** How much longer than the long-poll wait the agent waits for the answer before giving up. */
    static final long LONG_POLL_GRACE_SECONDS = 30;


    /** Answers larger than this are not read (a command list is small). */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = ProtocolJson.documents();

    private final CollectorAddress address;
    private final CloseableHttpClient http;
    private final TokenStore tokens;
    private final DeviceKeyStore keys;
    private final DeviceIdentity identity;
    private final String enrollSecret;

    public CollectorClient(CollectorAddress address, CloseableHttpClient http, TokenStore tokens, DeviceKeyStore keys,
                           DeviceIdentity identity, String enrollSecret) {
        this.address = address;
        this.http = http;
        this.tokens = tokens;
        this.keys = keys;
        this.identity = identity;
        this.enrollSecret = enrollSecret;
    }

    /** Sends a spooled report or command result. */
    public Delivery send(SpoolItem item) throws CollectorException {
        byte[] body = bytes(item.body());
        return item.kind() == SpoolItem.Kind.REPORT ? postReport(body) : postResult(item.commandId(), body);
    }

    Delivery postReport(byte[] reportJson) throws CollectorException {
        Answer answer = authorized(() -> withBody(new HttpPost(address.resolve("api/v1/reports")), reportJson));
        return switch (answer.status()) {
            case 201 -> Delivery.ACCEPTED;
            case 200 -> Delivery.DUPLICATE;
            // the collector always has this route: a 404 is a wrong path or a proxy's page, not a refusal
            case 404 -> throw misconfigured(answer, "report");
            default -> rejectedOrRetry(answer, "report");
        };
    }

    /**
     * 200 means recorded, now or before: the collector answers the same result sent again (the answer to an earlier
     * send was lost, or a redelivered command answered with its kept result) with the stored outcome. 409 means the
     * command already has another final status (expired, cancelled, answered otherwise): sending again cannot help.
     */
    Delivery postResult(String commandId, byte[] resultJson) throws CollectorException {
        URI uri = address.resolve("api/v1/commands/" + URLEncoder.encode(commandId, StandardCharsets.UTF_8) + "/result");
        Answer answer = authorized(() -> withBody(new HttpPost(uri), resultJson));
        return switch (answer.status()) {
            case 200, 201 -> Delivery.ACCEPTED;
            case 409 -> Delivery.DUPLICATE;
            // the collector's own 404 (an unknown command) is a JSON error; anything else is a proxy's or a wrong path's
            case 404 -> {
                if (!isApiError(answer)) {
                    throw misconfigured(answer, "command result");
                }
                yield Delivery.REJECTED;
            }
            default -> rejectedOrRetry(answer, "command result");
        };
    }

    public List<PendingCommand> fetchCommands() throws CollectorException {
        return fetchCommands(Duration.ZERO);
    }

    /**
     * The pending commands; with a wait the collector holds the request (long-poll) until a command is
     * queued or the wait ends, so a helpdesk click reaches the PC at once.
     */
    public List<PendingCommand> fetchCommands(Duration wait) throws CollectorException {
        String path = wait.isZero() ? "api/v1/commands" : "api/v1/commands?wait=" + wait.toSeconds();
        Timeout responseTimeout = Timeout.ofSeconds(wait.toSeconds() + LONG_POLL_GRACE_SECONDS);
        Answer answer = authorized(() -> {
            HttpGet get = new HttpGet(address.resolve(path));
            if (!wait.isZero()) {
                get.setConfig(RequestConfig.custom().setResponseTimeout(responseTimeout).build());
            }
            return get;
        });
        if (answer.status() != 200) {
            rejectedOrRetry(answer, "command list");
            throw new CollectorException("collector refused the command list: " + answer.summary());
        }
        JsonNode commands = parse(answer).path("commands");
        List<PendingCommand> pending = new ArrayList<>();
        for (JsonNode c : commands) {
            List<String> actions = new ArrayList<>();
            c.path("actions").forEach(a -> actions.add(a.asText()));
            pending.add(new PendingCommand(c.path("commandId").asText(), actions, instant(c.path("expiresAt"))));
        }
        return pending;
    }

    /** Sends with the stored token (enrolling first when there is none); on 401 enrolls again and repeats once. */
    private Answer authorized(Supplier<HttpUriRequestBase> request) throws CollectorException {
        Optional<String> stored = tokens.load();
        String token = stored.isPresent() ? stored.get() : enroll();
        Answer answer = send(bearer(request.get(), token));
        if (answer.status() == 401 && stored.isPresent()) {
            tokens.clear();
            answer = send(bearer(request.get(), enroll()));
        }
        if (answer.status() == 401) {
            throw new CollectorException("collector does not accept the agent token it just issued: " + answer.summary());
        }
        return answer;
    }

    /**
     * Enrolls: the first time with a new device key (its public half binds the device), afterwards with the kept key's
     * signature over a challenge the collector issues, which proves this is the PC that enrolled before.
     */
    private String enroll() throws CollectorException {
        if (enrollSecret == null || enrollSecret.isEmpty()) {
            throw new CollectorException("not enrolled and no EnrollSecret configured");
        }
        ObjectNode body = JSON.createObjectNode()
                .put("enrollSecret", enrollSecret)
                .put("deviceId", identity.deviceId())
                .put("hostname", identity.hostname())
                .put("user", identity.user());
        Optional<DeviceKey> kept = keys.load();
        DeviceKey key = kept.isPresent() ? kept.get() : keys.create();
        body.put("publicKey", key.publicKeyBase64());
        if (kept.isPresent()) {
            challenge().ifPresent(challenge -> body.put("challenge", challenge)
                    .put("proof", key.sign(identity.deviceId(), challenge)));
        }
        Answer answer = send(withBody(new HttpPost(address.resolve("api/v1/enroll")), bytes(body)));
        if (answer.status() == 403 && kept.isPresent()) {
            throw new CollectorException("enrollment refused: the collector does not accept this PC's device key "
                    + "(an admin can reset the device's enrollment): " + answer.summary());
        }
        if (answer.status() != 200 && answer.status() != 201) {
            throw new CollectorException("enrollment refused: " + answer.summary());
        }
        String token = parse(answer).path("agentToken").asText("");
        if (token.isEmpty()) {
            throw new CollectorException("enrollment answer has no agentToken");
        }
        tokens.save(token);
        return token;
    }

    /** A challenge to sign; empty from a collector that predates device binding (404: it takes no proof). */
    private Optional<String> challenge() throws CollectorException {
        ObjectNode body = JSON.createObjectNode().put("enrollSecret", enrollSecret).put("deviceId", identity.deviceId());
        Answer answer = send(withBody(new HttpPost(address.resolve("api/v1/enroll/challenge")), bytes(body)));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        String challenge = answer.status() == 200 ? parse(answer).path("challenge").asText("") : "";
        if (challenge.isEmpty()) {
            throw new CollectorException("enrollment refused: no challenge: " + answer.summary());
        }
        return Optional.of(challenge);
    }

    private static HttpUriRequestBase bearer(HttpUriRequestBase request, String token) {
        request.setHeader("Authorization", "Bearer " + token);
        return request;
    }

    private Answer send(HttpUriRequestBase request) throws CollectorException {
        request.setHeader("Accept", "application/json");
        // the collector compares this with its own clock and flags a device whose clock is off
        request.setHeader("Date", DateUtils.formatStandardDate(Instant.now()));
        try {
            return http.execute(request, response -> {
                byte[] body = response.getEntity() == null ? new byte[0]
                        : EntityUtils.toByteArray(response.getEntity(), MAX_ANSWER_BYTES);
                return new Answer(response.getCode(), body);
            });
        } catch (SSLException e) {
            throw new CollectorException("TLS with the collector failed (certificate not trusted or SSL inspection): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new CollectorException("collector unreachable at " + address.base() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    private static HttpUriRequestBase withBody(HttpPost post, byte[] json) {
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        return post;
    }

    /**
     * A redirect is never followed (a report must not go where the configuration does not say), and is not a refusal
     * either: the URL or a proxy is wrong. Gateway errors say the collector is away; any other 5xx is the collector
     * failing on this item.
     */
    private Delivery rejectedOrRetry(Answer answer, String what) throws CollectorException {
        int s = answer.status();
        if (s >= 300 && s < 400) {
            throw misconfigured(answer, what);
        }
        if (s == 502 || s == 503 || s == 504 || s == 408 || s == 429 || s == 403) {
            throw new CollectorException("collector cannot take the " + what + " now: " + answer.summary());
        }
        if (s >= 500) {
            throw new CollectorException(CollectorException.Kind.ITEM_FAILED,
                    "collector failed on the " + what + ": " + answer.summary());
        }
        return Delivery.REJECTED;
    }

    private CollectorException misconfigured(Answer answer, String what) {
        return new CollectorException(CollectorException.Kind.MISCONFIGURED, "collector URL " + address.base()
                + " answers the " + what + " with HTTP " + answer.status() + ", which the collector's API never does:"
                + " check CollectorUrl and any proxy on the way; the " + what + " is kept");
    }

    /** The collector's errors are JSON {"error": ...} (DESIGN.md §6); a proxy's or web server's pages are not. */
    private static boolean isApiError(Answer answer) {
        try {
            JsonNode body = answer.body().length == 0 ? null : JSON.readTree(answer.body());
            return body != null && body.path("error").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode parse(Answer answer) throws CollectorException {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new CollectorException("collector answered something that is not JSON (HTTP " + answer.status() + ")");
        }
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer, read fully (bounded). */
    record Answer(int status, byte[] body) {
        String summary() {
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            return "HTTP " + status + (text.isBlank() ? "" : " " + text);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
