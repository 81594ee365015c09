package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.db.Database;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.junit.jupiter.api.Test;

/** Stopping the collector ends with the database closed, even when Jetty fails on its way down. */
class CollectorStopTest {

    @Test
    void aCleanStopSaysSo() {
        String url = TestDatabase.H2.freshUrl();
        try (Database database = Database.open(url)) {
            Javalin app = start(url, database);

            assertTrue(CollectorApp.stop(app));
        }
    }

    @Test
    void aWebServerThatFailsOnItsWayDownIsReportedNotThrownAndNoLongerListens() {
        String url = TestDatabase.H2.freshUrl();
        try (Database database = Database.open(url)) {
            Javalin app = start(url, database);
            int port = app.port();
            // what Jetty does when it releases a dropped connection's buffer twice (jetty/jetty.project#12939)
            app.jettyServer().server().addManaged(new AbstractLifeCycle() {
                @Override
                protected void doStop() {
                    throw new IllegalStateException("already released");
                }
            });

            assertFalse(CollectorApp.stop(app));
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            });
        }
    }

    private static Javalin start(String url, Database database) {
        return CollectorApp.create(TestCollector.config(url), database.jdbi(), Clock.systemUTC())
                .start("127.0.0.1", 0);
    }
}
