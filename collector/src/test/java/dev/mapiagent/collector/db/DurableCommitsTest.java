package dev.mapiagent.collector.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** Whatever the database was set to, the collector's commits are durable before they return. */
class DurableCommitsTest {

    @Test
    void theEmbeddedDatabaseWritesEachCommitAtOnce() {
        try (Database db = Database.open(TestDatabase.H2.freshUrl())) {
            String delay = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'")
                    .mapTo(String.class).one());
            assertEquals("0", delay);
        }
    }

    @Test
    void postgresqlWithSynchronousCommitOffIsTurnedBackOn() {
        String url = TestDatabase.POSTGRES.freshUrl() + "&options=-c%20synchronous_commit%3Doff";
        try (Database db = Database.open(url)) {
            assertEquals("on", db.jdbi().withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one()));
        }
    }

    @Test
    void postgresqlKeepsAStricterSynchronousCommit() {
        String url = TestDatabase.POSTGRES.freshUrl() + "&options=-c%20synchronous_commit%3Dremote_apply";
        try (Database db = Database.open(url)) {
            assertEquals("remote_apply", db.jdbi().withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one()));
        }
    }

    @Test
    void theEmbeddedCacheIsAThirtySecondOfTheHeapWithinBounds() {
        assertEquals(32 * 1024, JdbcUrls.cacheKilobytes(1024L * 1024 * 1024));
        assertEquals(16 * 1024, JdbcUrls.cacheKilobytes(512L * 1024 * 1024));
        assertEquals(8 * 1024, JdbcUrls.cacheKilobytes(16L * 1024 * 1024));
        assertEquals(512 * 1024, JdbcUrls.cacheKilobytes(64L * 1024 * 1024 * 1024));
        assertTrue(JdbcUrls.embedded(java.nio.file.Path.of("data")).contains(";CACHE_SIZE="));
    }
}
