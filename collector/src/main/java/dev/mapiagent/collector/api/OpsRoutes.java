package dev.mapiagent.collector.api;

import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.metrics.CollectorMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Liveness and metrics for load balancers and Prometheus. */
public final class OpsRoutes {

    private final Jdbi jdbi;
    private final CollectorMetrics metrics;

    public OpsRoutes(Jdbi jdbi, CollectorMetrics metrics) {
        this.jdbi = jdbi;
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.get("/healthz", this::health, Role.ANYONE);
        routes.get("/metrics", ctx -> ctx.contentType(CollectorMetrics.contentType()).result(metrics.scrape()), Role.ANYONE);
    }

    /** 200 while the database answers; 503 otherwise, so a balancer takes this collector out. */
    private void health(Context ctx) {
        try {
            jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            ctx.json(Map.of("status", "ok"));
        } catch (RuntimeException e) {
            ErrorHandling.respond(ctx, 503, "database unavailable", null);
        }
    }
}
