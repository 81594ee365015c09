package dev.mapiagent.collector.api;

import dev.mapiagent.collector.error.BusyException;
import dev.mapiagent.collector.error.CollectorException;
import dev.mapiagent.collector.error.ConflictException;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.error.NotFoundException;
import dev.mapiagent.collector.error.RefusedException;
import dev.mapiagent.collector.error.ShuttingDownException;
import dev.mapiagent.collector.error.TooLargeException;
import dev.mapiagent.collector.error.UnavailableException;
import dev.mapiagent.collector.error.UnsupportedContentException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into a JSON error with the right status; stack traces go to the log only. */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    /** The HTTP status of each kind of failure the collector tells its caller about. */
    static final Map<Class<? extends CollectorException>, Integer> STATUS = Map.of(
            InvalidException.class, 400,
            NotAuthenticatedException.class, 401,
            RefusedException.class, 403,
            NotFoundException.class, 404,
            ConflictException.class, 409,
            TooLargeException.class, 413,
            UnsupportedContentException.class, 415,
            BusyException.class, 429,
            ShuttingDownException.class, 503,
            UnavailableException.class, 503);

    private ErrorHandling() {
    }

    public static void install(RoutesConfig routes) {
        routes.exception(CollectorException.class, (e, ctx) -> {
            int status = status(e);
            if (status == 401) {
                Challenge.addIfWanted(ctx);
            }
            if (e.retryAfterSeconds() != null) {
                ctx.header("Retry-After", e.retryAfterSeconds().toString());
            }
            respond(ctx, status, e.error(), e.detail());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), describe(e), null));
        routes.exception(Exception.class, (e, ctx) -> {
            Optional<Throwable> aborted = requestNotReceived(e);
            if (aborted.isPresent()) {
                int status = aborted.get() instanceof HttpException http && http.getCode() >= 400 ? http.getCode() : 400;
                LOG.atWarn().setMessage("request not received").addKeyValue("method", ctx.method().name())
                        .addKeyValue("path", ctx.path()).addKeyValue("status", status)
                        .addKeyValue("reason", oneLine(aborted.get())).log();
                respond(ctx, status, "request not received", oneLine(aborted.get()));
                return;
            }
            String incident = UUID.randomUUID().toString();
            LOG.atError().setMessage("request failed").addKeyValue("incident", incident)
                    .addKeyValue("method", ctx.method().name()).addKeyValue("path", ctx.path())
                    .setCause(e).log();
            respond(ctx, 500, "internal error", "incident " + incident + " is in the collector log");
        });
    }

    /**
     * The client's part of a failure: the request could not be read (broken framing, an upload aborted, too slow,
     * cut off by a timeout). That is logged as one line, not as the server's fault with a stack trace.
     */
    static Optional<Throwable> requestNotReceived(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException || t instanceof EofException || t instanceof TimeoutException
                    || t instanceof IOException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    static int status(CollectorException e) {
        Integer status = STATUS.get(e.getClass());
        if (status == null) {
            throw new IllegalStateException("no HTTP status for " + e.getClass().getName());
        }
        return status;
    }

    private static String describe(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large (limit " + BodyLimit.MAX_BODY_BYTES + " bytes)";
            default -> e.getMessage() == null ? "request failed" : e.getMessage().lines().findFirst().orElse("");
        };
    }

    static void respond(Context ctx, int status, String error, String detail) {
        ctx.status(status).json(new ErrorBody(error, detail));
    }
}
