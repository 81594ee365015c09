package dev.mapiagent.collector;

import dev.mapiagent.collector.api.AccessManager;
import dev.mapiagent.collector.api.AgentRoutes;
import dev.mapiagent.collector.api.Authenticator;
import dev.mapiagent.collector.api.BodyLimit;
import dev.mapiagent.collector.api.EnrollmentRoutes;
import dev.mapiagent.collector.api.ErrorHandling;
import dev.mapiagent.collector.api.HelpdeskRoutes;
import dev.mapiagent.collector.api.OpsRoutes;
import dev.mapiagent.collector.api.SessionRoutes;
import dev.mapiagent.collector.api.StatusPasteRoutes;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.Tls;
import dev.mapiagent.collector.metrics.CollectorMetrics;
import dev.mapiagent.collector.service.AuditService;
import dev.mapiagent.collector.service.ClockSkewService;
import dev.mapiagent.collector.service.CommandService;
import dev.mapiagent.collector.service.CommandWaiters;
import dev.mapiagent.collector.service.DeviceService;
import dev.mapiagent.collector.service.EnrollmentService;
import dev.mapiagent.collector.service.FleetService;
import dev.mapiagent.collector.service.HealthService;
import dev.mapiagent.collector.service.IngestService;
import dev.mapiagent.collector.service.SessionService;
import dev.mapiagent.collector.service.UserService;
import dev.mapiagent.protocol.ProtocolJson;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the collector's web application from its dependencies, without starting it. */
public final class CollectorApp {

    private static final Logger LOG = LoggerFactory.getLogger("dev.mapiagent.collector.http");

    /** Content Security Policy of every response: the page loads only its own script and style. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * How often parked long-polls are re-checked for heals queued by other collectors on the database (or due for
     * redelivery), and how far back that re-check looks (it covers commit delays and clock differences between collectors).
     */
    static final Duration WAKE_RECHECK = Duration.ofMillis(250);
    static final Duration WAKE_LOOK_BACK = Duration.ofSeconds(10);

    /** Connections may sit silent for the longest long-poll and then some (Jetty's default is 30 s). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(AgentRoutes.MAX_WAIT_SECONDS + 30);

    private CollectorApp() {
    }

    /** Sets the idle timeout of the connectors Javalin adds just before the server starts. */
    private static LifeCycle.Listener idleTimeoutOnStart(Server server) {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector c) {
                        c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                    }
                }
            }
        };
    }

    public static Javalin create(CollectorConfig config, Jdbi jdbi, Clock clock) {
        CollectorMetrics metrics = new CollectorMetrics();
        IngestService ingest = new IngestService(jdbi, clock, metrics);
        EnrollmentService enrollment = new EnrollmentService(jdbi, clock, config.enrollSecret(), config.identity());
        CommandService commands = new CommandService(jdbi, clock, config.commandTtl(), config.redeliverAfter(), ingest);
        CommandWaiters waiters = new CommandWaiters(commands::deliver,
                () -> commands.recentlyDeliverableDevices(WAKE_LOOK_BACK), WAKE_RECHECK);
        commands.onQueued(waiters::wake);
        metrics.countWaiting(waiters::waiting);
        ClockSkewService clocks = new ClockSkewService(jdbi, clock, config.identity().maxClockSkew());
        DeviceService devices = new DeviceService(jdbi, commands, clocks);
        metrics.countDevicesByVerdict(devices::countByVerdict);
        metrics.countCommandsByStatus(commands::countByStatus);
        UserService users = new UserService(jdbi, clock);
        SessionService sessions = new SessionService(jdbi, clock, config.sessionTtl());
        FleetService fleet = new FleetService(jdbi, config.serverSideMinDevices(), config.onsetWindow());
        AccessManager access = new AccessManager(new Authenticator(enrollment, users, sessions));

        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.jsonMapper(new JavalinJackson(ProtocolJson.mapper(), false));
            javalin.http.maxRequestSize = BodyLimit.MAX_BODY_BYTES;
            javalin.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.addEventListener(idleTimeoutOnStart(server));
            });
            javalin.events.serverStopping(waiters::close);
            javalin.events.serverStopping(ingest::close);
            if (config.tls()) {
                javalin.jetty.addConnector((server, http) -> Tls.connector(server, http, config));
            }
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = java.util.Map.of("Cache-Control", "no-cache");
            });
            javalin.requestLogger.http((ctx, ms) -> LOG.atInfo().setMessage("request")
                    .addKeyValue("method", ctx.method().name())
                    .addKeyValue("path", ctx.path())
                    .addKeyValue("status", ctx.statusCode())
                    .addKeyValue("ms", Math.round(ms))
                    .log());
            javalin.routes.before(BodyLimit::check);
            javalin.routes.before(ctx -> {
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("X-Frame-Options", "DENY");
            });
            javalin.routes.beforeMatched(access);
            ErrorHandling.install(javalin.routes);
            new OpsRoutes(new HealthService(jdbi), metrics).register(javalin.routes);
            new SessionRoutes(users, sessions, config.tls()).register(javalin.routes);
            new AgentRoutes(enrollment, ingest, commands, waiters, clocks).register(javalin.routes);
            new EnrollmentRoutes(enrollment).register(javalin.routes);
            new HelpdeskRoutes(devices, commands, fleet, users,
                    new AuditService(jdbi)).register(javalin.routes);
            new StatusPasteRoutes().register(javalin.routes);
        });
    }
}
