package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.service.ClockSkewService;
import dev.mapiagent.collector.service.CommandService;
import dev.mapiagent.collector.service.CommandWaiters;
import dev.mapiagent.collector.service.EnrollmentService;
import dev.mapiagent.collector.service.IngestService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** What agents call: enroll, post reports, fetch (or long-poll) commands, post command results. */
public final class AgentRoutes {

    /** The longest long-poll; the connection idle timeout (CollectorApp) is longer. */
    public static final int MAX_WAIT_SECONDS = 60;

    private final EnrollmentService enrollment;
    private final IngestService ingest;
    private final CommandService commands;
    private final CommandWaiters waiters;
    private final ClockSkewService clocks;

    public AgentRoutes(EnrollmentService enrollment, IngestService ingest, CommandService commands,
                       CommandWaiters waiters, ClockSkewService clocks) {
        this.enrollment = enrollment;
        this.ingest = ingest;
        this.commands = commands;
        this.waiters = waiters;
        this.clocks = clocks;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/enroll", this::enroll, Role.ANYONE);
        routes.post("/api/v1/reports", this::report, Role.AGENT);
        routes.get("/api/v1/commands", this::pendingCommands, Role.AGENT);
        routes.post("/api/v1/commands/{commandId}/result", this::result, Role.AGENT);
    }

    private void enroll(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String deviceId = JsonBodies.requiredText(body, "deviceId", 128);
        String token = enrollment.enroll(new EnrollmentService.Enrollment(JsonBodies.text(body, "enrollSecret"), deviceId,
                clip(JsonBodies.text(body, "hostname"), 255), clip(JsonBodies.text(body, "user"), 256),
                JsonBodies.text(body, "publicKey"), JsonBodies.text(body, "challenge"), JsonBodies.text(body, "proof")),
                ctx.ip());
        ctx.status(201).json(Map.of("agentToken", token, "deviceId", deviceId));
    }

    private void report(Context ctx) {
        String deviceId = AccessManager.principal(ctx).name();
        JsonBodies.ObjectWithText report = JsonBodies.objectWithText(ctx);
        Instant sentAt = httpDate(ctx.header("Date"));
        // the report's creation time counts only when the request has no Date header, so it is parsed only then
        clocks.observe(deviceId, sentAt, sentAt != null ? null : isoInstant(report.object().path("createdAt").asText(null)));
        ctx.future(() -> ingest.ingest(deviceId, report.object(), report.text())
                .thenAccept(result -> ctx.status(result.duplicate() ? 200 : 201).json(result)));
    }

    /** Queued commands at once; with {@code ?wait=N} a long-poll answered when one is queued or after N seconds. */
    private void pendingCommands(Context ctx) {
        String deviceId = AccessManager.principal(ctx).name();
        Duration wait = waitParam(ctx.queryParam("wait"));
        if (wait.isZero()) {
            ctx.json(Map.of("commands", commands.deliver(deviceId)));
            return;
        }
        ctx.future(() -> waiters.await(deviceId, wait).thenAccept(list -> ctx.json(Map.of("commands", list))));
    }

    /** The long-poll wait: absent means none; 0-60 seconds, longer waits are shortened to 60; anything else is 400. */
    static Duration waitParam(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0) {
            throw new InvalidException("invalid wait", "wait is a whole number of seconds from 0 to " + MAX_WAIT_SECONDS);
        }
        return Duration.ofSeconds(Math.min(seconds, MAX_WAIT_SECONDS));
    }

    private void result(Context ctx) {
        String deviceId = AccessManager.principal(ctx).name();
        ctx.json(commands.recordResult(deviceId, ctx.pathParam("commandId"), JsonBodies.object(ctx)));
    }

    /** An HTTP date (RFC 9110 IMF-fixdate, as {@code Date} headers carry), or null when absent or malformed. */
    static Instant httpDate(String value) {
        try {
            return value == null ? null : ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant isoInstant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
