package dev.mapiagent.collector.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collector's own PostgreSQL connection, outside the pool, that {@code LISTEN}s for the commands any collector on
 * the database queues ({@link CommandDao#notifyQueued}) and hands each device id on at once. A daemon thread waits
 * for notifications; when the connection fails it reconnects with a growing pause, and after each (re)connection
 * tells how long it was not listening, so the caller can look for commands queued meanwhile: PostgreSQL keeps no
 * notifications for a session that is not listening.
 */
public final class QueuedCommandListener implements AutoCloseable {

    /** The channel; one per database, so collectors on different schemas of one database also hear each other (harmless: an unknown device id wakes nothing). */
    public static final String CHANNEL = "mapi_command_queued";

    /** The listener's application_name in pg_stat_activity. */
    public static final String APPLICATION_NAME = "mapi-collector-listener";

    /** How long one wait for notifications lasts before the connection is checked. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(QueuedCommandListener.class);

    private final String jdbcUrl;
    private final Consumer<String> onQueued;
    private final Consumer<Duration> onListening;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean listening;
    private volatile Connection connection;

    /**
     * @param onQueued    called with the device id of every command queued on the database, on the listener's thread
     * @param onListening called after each (re)connection with how long nothing was heard (since the start, or since
     *                    the last moment the previous connection was known to work)
     */
    private QueuedCommandListener(String jdbcUrl, Consumer<String> onQueued, Consumer<Duration> onListening) {
        this.jdbcUrl = jdbcUrl;
        this.onQueued = onQueued;
        this.onListening = onListening;
        this.thread = new Thread(this::run, "mapi-command-listener");
        thread.setDaemon(true);
    }

    /** Starts listening in the background; a database that cannot be reached yet is retried, never fatal. */
    public static QueuedCommandListener start(String jdbcUrl, Consumer<String> onQueued, Consumer<Duration> onListening) {
        QueuedCommandListener listener = new QueuedCommandListener(jdbcUrl, onQueued, onListening);
        listener.thread.start();
        return listener;
    }

    /** Whether the listening connection is up now. */
    public boolean listening() {
        return listening;
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        Instant lastHeard = Instant.now();
        while (!closed) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                pause = FIRST_PAUSE;
                onListening.accept(Duration.between(lastHeard, Instant.now()));
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications((int) CHECK_EVERY.toMillis());
                    if (notifications == null || notifications.length == 0) {
                        // silence: make sure it is not a connection that died without a word
                        if (!c.isValid((int) CHECK_EVERY.toSeconds())) {
                            throw new SQLException("the listening connection stopped answering");
                        }
                    } else {
                        for (PGNotification n : notifications) {
                            onQueued.accept(n.getParameter());
                        }
                    }
                    lastHeard = Instant.now();
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (listening) {
                    LOG.atWarn().setMessage("command notifications lost; reconnecting")
                            .addKeyValue("reason", Database.rootMessage(e)).log();
                } else {
                    LOG.atDebug().setMessage("command notifications: cannot connect yet")
                            .addKeyValue("reason", Database.rootMessage(e)).addKeyValue("retryMs", pause.toMillis()).log();
                }
                listening = false;
                if (!sleep(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        closed = true;
        listening = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
