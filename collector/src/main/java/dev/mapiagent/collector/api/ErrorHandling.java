package dev.mapiagent.collector.api;

import dev.mapiagent.collector.CollectorConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into a JSON error with the right status; stack traces go to the log only. */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    public static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 401) {
                Challenge.addIfWanted(ctx);
            }
            if (e.retryAfterSeconds() != null) {
                ctx.header("Retry-After", e.retryAfterSeconds().toString());
            }
            respond(ctx, e.status(), e.error(), e.detail());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), describe(e), null));
        routes.exception(Exception.class, (e, ctx) -> {
            String incident = UUID.randomUUID().toString();
            LOG.atError().setMessage("request failed").addKeyValue("incident", incident)
                    .addKeyValue("method", ctx.method().name()).addKeyValue("path", ctx.path())
                    .setCause(e).log();
            respond(ctx, 500, "internal error", "incident " + incident + " is in the collector log");
        });
    }

    private static String describe(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large (limit " + CollectorConfig.MAX_BODY_BYTES + " bytes)";
            default -> e.getMessage() == null ? "request failed" : e.getMessage().lines().findFirst().orElse("");
        };
    }

    static void respond(Context ctx, int status, String error, String detail) {
        ctx.status(status).json(new ErrorBody(error, detail));
    }
}
