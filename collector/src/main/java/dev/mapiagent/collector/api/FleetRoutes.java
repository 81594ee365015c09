package dev.mapiagent.collector.api;

import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.service.FleetHistoryService;
import dev.mapiagent.collector.service.FleetService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The fleet as a whole: the overview's summary and the protocol share over time. */
public final class FleetRoutes {

    private final FleetService fleet;
    private final FleetHistoryService history;

    public FleetRoutes(FleetService fleet, FleetHistoryService history) {
        this.fleet = fleet;
        this.history = history;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/fleet/summary", ctx -> ctx.json(fleet.summary()), Role.VIEWER);
        routes.get("/api/v1/fleet/history", this::history, Role.VIEWER);
    }

    private void history(Context ctx) {
        FleetHistoryService.Interval resolution = FleetHistoryService.Interval.parse(ctx.queryParam("interval"));
        String endpoint = ctx.queryParam("endpoint");
        if (endpoint != null && endpoint.length() > 255) {
            throw new dev.mapiagent.collector.error.InvalidException("invalid endpoint", "endpoint is longer than 255 characters");
        }
        ctx.json(history.history(resolution, endpoint == null ? null : endpoint.trim()));
    }
}
