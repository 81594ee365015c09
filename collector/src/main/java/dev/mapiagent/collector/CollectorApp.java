package dev.mapiagent.collector;

import dev.mapiagent.collector.api.AccessManager;
import dev.mapiagent.collector.api.AgentRoutes;
import dev.mapiagent.collector.api.ApiTokenRoutes;
import dev.mapiagent.collector.api.Authenticator;
import dev.mapiagent.collector.api.BodyLimit;
import dev.mapiagent.collector.api.BulkHealRoutes;
import dev.mapiagent.collector.api.ConnectionsPerAddress;
import dev.mapiagent.collector.api.DirectoryRoutes;
import dev.mapiagent.collector.api.EnrollmentRoutes;
import dev.mapiagent.collector.api.ErrorHandling;
import dev.mapiagent.collector.api.FleetRoutes;
import dev.mapiagent.collector.api.HelpdeskRoutes;
import dev.mapiagent.collector.api.JsonErrorHandler;
import dev.mapiagent.collector.api.NulText;
import dev.mapiagent.collector.api.OpenApiRoutes;
import dev.mapiagent.collector.api.OpsRoutes;
import dev.mapiagent.collector.api.SessionRoutes;
import dev.mapiagent.collector.api.SlowClients;
import dev.mapiagent.collector.api.StatusPasteRoutes;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.DirectoryConfig;
import dev.mapiagent.collector.config.Tls;
import dev.mapiagent.collector.db.QueuedCommandListener;
import dev.mapiagent.collector.directory.LdapDirectory;
import dev.mapiagent.collector.directory.OidcProvider;
import dev.mapiagent.collector.metrics.CollectorMetrics;
import dev.mapiagent.collector.service.ApiTokenService;
import dev.mapiagent.collector.service.AuditService;
import dev.mapiagent.collector.service.BulkHealService;
import dev.mapiagent.collector.service.ClockSkewService;
import dev.mapiagent.collector.service.CommandService;
import dev.mapiagent.collector.service.CommandWaiters;
import dev.mapiagent.collector.service.DeviceService;
import dev.mapiagent.collector.service.DirectoryLoginService;
import dev.mapiagent.collector.service.EnrollmentService;
import dev.mapiagent.collector.service.FleetFiguresService;
import dev.mapiagent.collector.service.FleetHistoryService;
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
import org.eclipse.jetty.server.ServerConnector;
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

    /** The buffer Javalin copies an answer through (see create); above its compression threshold of 1,500 bytes. */
    static final int RESPONSE_COPY_BUFFER_BYTES = 8 * 1024;

    /** Connections may sit silent for the longest long-poll and then some (Jetty's default is 30 s). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(AgentRoutes.MAX_WAIT_SECONDS + 30);

    /**
     * Entries of Jetty's per-connection cache of request header fields: none. Jetty's default (1024) gives every
     * keep-alive connection, from its second request on, a trie of 1024 × 48 chars (96 KiB) plus a 4 KiB node array;
     * with tens of thousands of agents each holding a long-poll that cache was nearly all of the collector's heap
     * (see "parked" in docs/benchmarks.md), while it only saves parsing a few repeated header values per request.
     */
    static final int HEADER_CACHE_SIZE = 0;

    /**
     * Connections the kernel may hold for Jetty to accept (the listen backlog; Linux caps it at
     * {@code net.core.somaxconn}, 4096 by default). Jetty passes 0, which the JDK turns into 50: when thousands of
     * agents connect at once (a collector restart) the rest overflow, and those whose request the kernel dropped are
     * reset about a minute later and must connect again.
     */
    static final int ACCEPT_QUEUE_SIZE = 4096;

    private CollectorApp() {
    }

    /**
     * Sets the idle timeout, the accept queue and the connection bound per client address of the connectors Javalin
     * adds, just before the server starts.
     */
    private static LifeCycle.Listener connectorsConfiguredOnStart(Server server) {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector c) {
                        c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                        if (c instanceof ServerConnector listening) {
                            listening.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
                        }
                        c.addEventListener(new ConnectionsPerAddress(SlowClients.CONNECTIONS_PER_ADDRESS));
                    }
                }
            }
        };
    }

    /** Puts the handler Javalin installs inside the bounds for slow clients, just before the server starts. */
    private static LifeCycle.Listener slowClientsGuardedOnStart(Server server) {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                server.setHandler(SlowClients.guard(server.getHandler()));
            }
        };
    }

    /**
     * Stops the server and says whether it stopped cleanly. Jetty can fail while it tears down connections whose
     * client had already gone (a request buffer released twice: jetty/jetty.project#12939); the ingest queue is
     * drained before Jetty stops, so that failure is one logged line and the caller still closes the database.
     */
    public static boolean stop(Javalin app) {
        try {
            app.stop();
            return true;
        } catch (RuntimeException e) {
            LOG.atWarn().setMessage("web server did not stop cleanly; closing the database anyway")
                    .addKeyValue("error", String.valueOf(e.getCause() == null ? e : e.getCause())).log();
            return false;
        }
    }

    public static Javalin create(CollectorConfig config, Jdbi jdbi, Clock clock) {
        return create(config, DirectoryConfig.none(), jdbi, clock);
    }

    public static Javalin create(CollectorConfig config, DirectoryConfig directory, Jdbi jdbi, Clock clock) {
        return build(config, directory, jdbi, clock).app();
    }

    /**
     * The web application and its bulk heal service: the one whose routes create bulk heals and whose ticks (run by
     * {@code serve} on a schedule) wake the started devices' parked long-polls at once, on either database.
     */
    public record Built(Javalin app, BulkHealService bulkHeals) {
    }

    public static Built build(CollectorConfig config, DirectoryConfig directory, Jdbi jdbi, Clock clock) {
        CollectorMetrics metrics = new CollectorMetrics();
        IngestService ingest = new IngestService(jdbi, clock, metrics);
        EnrollmentService enrollment = new EnrollmentService(jdbi, clock, config.enrollSecret(), config.identity());
        CommandService commands = new CommandService(jdbi, clock, config.commandTtl(), config.redeliverAfter(), ingest);
        CommandWaiters waiters = new CommandWaiters(commands::deliver, commands::recentlyDeliverableDevices,
                config.wakeRecheck());
        commands.onQueued(waiters::wake);
        QueuedCommandListener listener = config.dbUrl().startsWith("jdbc:postgresql:")
                ? QueuedCommandListener.start(config.dbUrl(), waiters::wake, waiters::recheckSince) : null;
        metrics.countWaiting(waiters::waiting);
        ClockSkewService clocks = new ClockSkewService(jdbi, clock, config.identity().maxClockSkew());
        DeviceService devices = new DeviceService(jdbi, commands, clocks);
        UserService users = new UserService(jdbi, clock);
        SessionService sessions = new SessionService(jdbi, clock, config.sessionTtl());
        FleetService fleet = new FleetService(jdbi, clock, config.serverSideMinDevices(), config.onsetWindow(),
                config.staleAfter());
        metrics.fleet(new FleetFiguresService(jdbi, clock, fleet)::current);
        ApiTokenService apiTokens = new ApiTokenService(jdbi, clock);
        BulkHealService bulkHeals = new BulkHealService(jdbi, clock, config.commandTtl(), config.bulkHeals());
        bulkHeals.onQueued(waiters::wake);
        metrics.countBulkHealPending(bulkHeals::pendingDevices);
        DirectoryLoginService directoryLogins = new DirectoryLoginService(jdbi, clock, sessions,
                directory.ldap() == null ? null : new LdapDirectory(directory.ldap()),
                directory.oidc() == null ? null : new OidcProvider(directory.oidc()));
        AccessManager access = new AccessManager(new Authenticator(enrollment, users, sessions, apiTokens));

        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.jsonMapper(new JavalinJackson(ProtocolJson.mapper(), false));
            javalin.http.maxRequestSize = BodyLimit.MAX_BODY_BYTES;
            // Javalin copies every answer into the response through a new buffer of this size (by default Jetty's
            // 32 KiB output buffer: a fifth of the collector's allocation under report load, for answers of ~60
            // bytes); a larger answer goes through in several pieces into Jetty's own buffer, unchanged on the wire
            javalin.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
            javalin.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(HEADER_CACHE_SIZE));
            javalin.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setErrorHandler(new JsonErrorHandler());
                server.addEventListener(connectorsConfiguredOnStart(server));
                server.addEventListener(slowClientsGuardedOnStart(server));
            });
            if (listener != null) {
                javalin.events.serverStopping(listener::close);
            }
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
            javalin.staticFiles.enableWebjars();  // uPlot, the overview's chart
            javalin.requestLogger.http((ctx, ms) -> {
                LOG.atInfo().setMessage("request")
                        .addKeyValue("client", config.trustedProxies().clientAddress(ctx.ip(), ctx.header("X-Forwarded-For")))
                        .addKeyValue("method", ctx.method().name())
                        .addKeyValue("path", ctx.path())
                        .addKeyValue("status", ctx.statusCode())
                        .addKeyValue("ms", Math.round(ms))
                        .log();
                metrics.httpRequest(ctx.method().name(), OpsRoutes.route(ctx), ctx.statusCode(), ms / 1000);
            });
            javalin.routes.before(BodyLimit::check);
            javalin.routes.before(NulText::refuseInUrl);
            javalin.routes.before(ctx -> {
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("X-Frame-Options", "DENY");
            });
            javalin.routes.beforeMatched(access);
            ErrorHandling.install(javalin.routes);
            new OpsRoutes(new HealthService(jdbi), metrics).register(javalin.routes);
            SessionRoutes sessionRoutes = new SessionRoutes(users, sessions, config.tls());
            sessionRoutes.register(javalin.routes);
            new DirectoryRoutes(directoryLogins, sessionRoutes).register(javalin.routes);
            new AgentRoutes(enrollment, ingest, commands, waiters, clocks).register(javalin.routes);
            new EnrollmentRoutes(enrollment).register(javalin.routes);
            new HelpdeskRoutes(devices, commands, fleet, users,
                    new AuditService(jdbi)).register(javalin.routes);
            new StatusPasteRoutes().register(javalin.routes);
            new FleetRoutes(fleet, new FleetHistoryService(jdbi, clock)).register(javalin.routes);
            new ApiTokenRoutes(apiTokens).register(javalin.routes);
            new BulkHealRoutes(bulkHeals).register(javalin.routes);
            new OpenApiRoutes().register(javalin.routes);
        });
        return new Built(app, bulkHeals);
    }
}
