package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.service.BulkHealService;
import dev.mapiagent.protocol.HealAction;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk self-heal (admins): {@code POST /api/v1/bulk-heals} with {@code {filter, actions, perMinute}} (with
 * {@code ?dryRun=true} only the count), its progress and per-device outcomes, and cancelling what has not started.
 */
public final class BulkHealRoutes {

    /** Devices listed with a bulk heal per request unless limit says otherwise. */
    private static final int ITEMS_PAGE = 500;

    private final BulkHealService bulkHeals;

    public BulkHealRoutes(BulkHealService bulkHeals) {
        this.bulkHeals = bulkHeals;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/bulk-heals", ctx -> ctx.json(Map.of("bulkHeals",
                bulkHeals.recent(HelpdeskRoutes.intParam(ctx, "limit", 50, 1, 500)))), Role.ADMIN);
        routes.post("/api/v1/bulk-heals", this::create, Role.ADMIN);
        routes.get("/api/v1/bulk-heals/{bulkId}", ctx -> ctx.json(bulkHeals.detail(ctx.pathParam("bulkId"),
                itemLimit(ctx), HelpdeskRoutes.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE))), Role.ADMIN);
        routes.post("/api/v1/bulk-heals/{bulkId}/cancel", ctx -> ctx.json(bulkHeals.cancel(
                AccessManager.principal(ctx).name(), ctx.pathParam("bulkId"), itemLimit(ctx))), Role.ADMIN);
    }

    private void create(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        Map<String, String> filter = filter(body.get("filter"));
        List<HealAction> actions = HealActions.read(body);
        Integer perMinute = perMinute(body.get("perMinute"));
        if ("true".equalsIgnoreCase(ctx.queryParam("dryRun"))) {
            ctx.json(Map.of("devices", bulkHeals.preview(filter, actions, perMinute), "dryRun", true));
            return;
        }
        ctx.status(201).json(bulkHeals.create(AccessManager.principal(ctx).name(), filter, actions, perMinute));
    }

    private static int itemLimit(Context ctx) {
        return HelpdeskRoutes.intParam(ctx, "limit", ITEMS_PAGE, 1, 5000);
    }

    /** The filter object: device list query parameter names to text values ({} is every device). */
    private static Map<String, String> filter(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidException("invalid filter", "filter must be an object of device list filters, "
                    + "such as {\"finding\": \"MAPIHTTP_DISABLED_REGISTRY\"}");
        }
        Map<String, String> filter = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw new InvalidException("invalid filter", "filter." + field.getKey() + " must be text");
            }
            filter.put(field.getKey(), value.asText());
        }
        return filter;
    }

    private static Integer perMinute(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidException("invalid perMinute", "perMinute must be a whole number of devices per minute");
        }
        return node.asInt();
    }
}
