package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.service.AuditService;
import dev.mapiagent.collector.service.CommandService;
import dev.mapiagent.collector.service.DeviceQuery;
import dev.mapiagent.collector.service.DeviceService;
import dev.mapiagent.collector.service.FleetService;
import dev.mapiagent.collector.service.UserService;
import dev.mapiagent.protocol.Command;
import dev.mapiagent.protocol.HealAction;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the helpdesk (API users and the page) calls: devices, heals, fleet incidents, audit, accounts. */
public final class HelpdeskRoutes {

    private static final int REPORT_HISTORY = 50;

    private final DeviceService deviceService;
    private final CommandService commands;
    private final FleetService fleet;
    private final UserService users;
    private final AuditService auditService;

    public HelpdeskRoutes(DeviceService devices, CommandService commands, FleetService fleet, UserService users,
                          AuditService audit) {
        this.deviceService = devices;
        this.commands = commands;
        this.fleet = fleet;
        this.users = users;
        this.auditService = audit;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/devices", this::devices, Role.VIEWER);
        routes.get("/api/v1/devices/{deviceId}", this::device, Role.VIEWER);
        routes.post("/api/v1/devices/{deviceId}/heal", this::heal, Role.HELPDESK);
        routes.post("/api/v1/commands/{commandId}/cancel", this::cancel, Role.HELPDESK);
        routes.get("/api/v1/fleet/incidents", ctx -> ctx.json(fleet.incidents()), Role.VIEWER);
        routes.get("/api/v1/audit", this::audit, Role.ADMIN);
        routes.get("/api/v1/users", ctx -> ctx.json(Map.of("users", users.list())), Role.ADMIN);
        routes.post("/api/v1/users", this::createUser, Role.ADMIN);
    }

    /** The filtered, sorted list: a page as JSON, or (Accept: text/csv) all of it, unless limit or offset say otherwise. */
    private void devices(Context ctx) {
        DeviceQuery query = DeviceQuery.parse(ctx::queryParam);
        boolean csv = wantsCsv(ctx);
        int limit = intParam(ctx, "limit", csv ? Integer.MAX_VALUE : 500, 1, csv ? Integer.MAX_VALUE : 5000);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        if (!csv) {
            ctx.json(deviceService.page(query, limit, offset));
            return;
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"devices.csv\"");
        deviceService.exportCsv(query, limit, offset, ctx.outputStream());
    }

    private static boolean wantsCsv(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    private void device(Context ctx) {
        ctx.json(deviceService.detail(ctx.pathParam("deviceId"), intParam(ctx, "history", REPORT_HISTORY, 1, 1000)));
    }

    private void heal(Context ctx) {
        String user = AccessManager.principal(ctx).name();
        JsonNode body = JsonBodies.object(ctx);
        List<HealAction> actions = HealActions.read(body);
        Duration ttl = null;
        JsonNode minutes = body.get("expiresInMinutes");
        if (minutes != null && !minutes.isNull()) {
            if (!minutes.canConvertToInt()) {
                throw new InvalidException("invalid expiresInMinutes", "a whole number of minutes");
            }
            ttl = Duration.ofMinutes(minutes.asInt());
        }
        Command command = commands.queue(user, ctx.pathParam("deviceId"), actions, ttl);
        ctx.status(201).json(command);
    }

    private void cancel(Context ctx) {
        ctx.json(commands.cancel(AccessManager.principal(ctx).name(), ctx.pathParam("commandId")));
    }

    private void audit(Context ctx) {
        String deviceId = ctx.queryParam("deviceId");
        int limit = intParam(ctx, "limit", 200, 1, 5000);
        ctx.json(Map.of("entries", auditService.recent(deviceId == null || deviceId.isBlank() ? null : deviceId, limit)));
    }

    private void createUser(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        ctx.status(201).json(users.create(AccessManager.principal(ctx).name(), JsonBodies.text(body, "username"),
                JsonBodies.text(body, "password"), JsonBodies.text(body, "role")));
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidException("invalid " + name, name + " must be a whole number from " + min + " to " + max);
        }
    }
}
