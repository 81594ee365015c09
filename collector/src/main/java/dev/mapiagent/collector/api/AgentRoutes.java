package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.auth.AccessManager;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.service.CommandService;
import dev.mapiagent.collector.service.EnrollmentService;
import dev.mapiagent.collector.service.IngestService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** What agents call: enroll, post reports, fetch commands, post command results. */
public final class AgentRoutes {

    private final EnrollmentService enrollment;
    private final IngestService ingest;
    private final CommandService commands;

    public AgentRoutes(EnrollmentService enrollment, IngestService ingest, CommandService commands) {
        this.enrollment = enrollment;
        this.ingest = ingest;
        this.commands = commands;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/enroll", this::enroll, Role.ANYONE);
        routes.post("/api/v1/reports", this::report, Role.AGENT);
        routes.get("/api/v1/commands", this::pendingCommands, Role.AGENT);
        routes.post("/api/v1/commands/{commandId}/result", this::result, Role.AGENT);
    }

    private void enroll(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String secret = JsonBodies.text(body, "enrollSecret");
        String deviceId = JsonBodies.requiredText(body, "deviceId", 128);
        String hostname = JsonBodies.text(body, "hostname");
        String user = JsonBodies.text(body, "user");
        String token = enrollment.enroll(secret, deviceId, clip(hostname, 255), clip(user, 256));
        ctx.status(201).json(Map.of("agentToken", token, "deviceId", deviceId));
    }

    private void report(Context ctx) {
        String deviceId = AccessManager.principal(ctx).name();
        IngestService.Ingested result = ingest.ingest(deviceId, JsonBodies.object(ctx));
        ctx.status(result.duplicate() ? 200 : 201).json(result);
    }

    private void pendingCommands(Context ctx) {
        String deviceId = AccessManager.principal(ctx).name();
        ctx.json(Map.of("commands", commands.deliver(deviceId)));
    }

    private void result(Context ctx) {
        String deviceId = AccessManager.principal(ctx).name();
        ctx.json(commands.recordResult(deviceId, ctx.pathParam("commandId"), JsonBodies.object(ctx)));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
