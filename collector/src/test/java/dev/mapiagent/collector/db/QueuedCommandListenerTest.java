package dev.mapiagent.collector.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The collector's LISTEN connection on PostgreSQL: what it hears, and how it comes back after losing the connection. */
class QueuedCommandListenerTest {

    private final String url = TestDatabase.POSTGRES.freshUrl();
    // a name of this test's own, so only its listener is terminated (the URL's setting wins over the listener's)
    private final String applicationName = "listener-test-" + UUID.randomUUID();
    private final String listenerUrl = url + "&ApplicationName=" + applicationName;
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private final List<Duration> listeningAfter = new CopyOnWriteArrayList<>();

    @Test
    void handsOnTheDeviceIdOfEveryNotificationOnTheChannel() throws Exception {
        try (QueuedCommandListener listener = QueuedCommandListener.start(listenerUrl, heard::add, listeningAfter::add)) {
            awaitListeners(1);
            notifyQueued(device("1"));
            notifyQueued(device("2"));

            assertEquals(List.of(device("1"), device("2")), nextHeardOfThisTest(2));
            assertTrue(listener.listening());
        }
    }

    @Test
    void reconnectsAfterItsConnectionIsKilledAndSaysHowLongItHeardNothing() throws Exception {
        try (QueuedCommandListener listener = QueuedCommandListener.start(listenerUrl, heard::add, listeningAfter::add)) {
            awaitListeners(1);
            awaitTold(1);
            assertEquals(1, terminateListeners());

            awaitTold(2);
            awaitListeners(1);
            assertTrue(listeningAfter.get(1).compareTo(Duration.ZERO) > 0, listeningAfter.toString());
            notifyQueued(device("3"));
            assertEquals(List.of(device("3")), nextHeardOfThisTest(1), "hears again on the new connection");
            assertTrue(listener.listening());
        }
    }

    @Test
    void closingStopsListening() throws Exception {
        QueuedCommandListener listener = QueuedCommandListener.start(listenerUrl, heard::add, listeningAfter::add);
        awaitListeners(1);
        listener.close();

        awaitListeners(0);
        assertFalse(listener.listening());
    }

    /** A device id of this test's own: the channel is shared by every test and collector on the database. */
    private String device(String name) {
        return applicationName + "-dev-" + name;
    }

    /** The next device ids heard that belong to this test, in order; other tests' notifications are passed over. */
    private List<String> nextHeardOfThisTest(int count) throws InterruptedException {
        List<String> ours = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ours.size() < count) {
            String deviceId = heard.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (deviceId == null) {
                break;
            }
            if (deviceId.startsWith(applicationName)) {
                ours.add(deviceId);
            }
        }
        return ours;
    }

    /** Waits until the listener said that many times that it listens. */
    private void awaitTold(int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listeningAfter.size() < times) {
            assertTrue(System.nanoTime() < deadline, "told " + listeningAfter + ", expected " + times + " times");
            Thread.sleep(20);
        }
        assertEquals(times, listeningAfter.size(), listeningAfter.toString());
    }

    private void notifyQueued(String deviceId) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, QueuedCommandListener.CHANNEL);
            s.setString(2, deviceId);
            s.execute();
        }
    }

    /** Waits until this test's listener connections that have run LISTEN number exactly that many. */
    private void awaitListeners(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int listening;
        while ((listening = listeners()) != count) {
            assertTrue(System.nanoTime() < deadline, listening + " listening connections, expected " + count);
            Thread.sleep(20);
        }
    }

    private int listeners() throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND query LIKE 'LISTEN%'");
    }

    private int terminateListeners() throws SQLException {
        return count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = ?) killed");
    }

    private int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, applicationName);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
