package dev.mapiagent.collector.api;

import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.metrics.CollectorMetrics;
import dev.mapiagent.collector.service.HealthService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.Map;

/** Liveness and metrics for load balancers and Prometheus. */
public final class OpsRoutes {

    private final HealthService health;
    private final CollectorMetrics metrics;

    public OpsRoutes(HealthService health, CollectorMetrics metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.get("/healthz", this::health, Role.ANYONE);
        routes.get("/metrics", ctx -> ctx.contentType(CollectorMetrics.contentType()).result(metrics.scrape()), Role.ANYONE);
    }

    /**
     * The route template a request matched ({@code /api/v1/devices/{id}}), never the raw path, so the HTTP metrics
     * stay a few dozen series: "static" for the page's files, "unmatched" for anything else no route took.
     */
    public static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        return ctx.statusCode() < 400 && ctx.method() == HandlerType.GET ? "static" : "unmatched";
    }

    /** 200 while the database answers; 503 otherwise, so a balancer takes this collector out. */
    private void health(Context ctx) {
        if (health.databaseAnswers()) {
            ctx.json(Map.of("status", "ok"));
        } else {
            ErrorHandling.respond(ctx, 503, "database unavailable", null);
        }
    }
}
