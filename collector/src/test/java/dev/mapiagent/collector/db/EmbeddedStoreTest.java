package dev.mapiagent.collector.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.support.TestDatabase;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The embedded database's file is compacted as H2's own background writer would (which {@code WRITE_DELAY 0} turns
 * off): chunks left mostly dead by later commits are rewritten, and nothing in them is lost.
 */
class EmbeddedStoreTest {

    private static final int ROWS = 5_000;
    private static final int COMMITS = 300;
    private static final int UPDATES_PER_COMMIT = 40;

    @Test
    void aFileOfMostlyDeadChunksIsRewrittenToAtLeastTheTargetFill() {
        try (Database db = Database.open(TestDatabase.H2.freshUrl())) {
            EmbeddedStore store = db.embeddedStore().orElseThrow();
            churn(db);
            assertTrue(store.livePercent() < EmbeddedStore.TARGET_FILL_PERCENT, "fill " + store.livePercent());

            EmbeddedStore.Compaction compaction = store.compact();
            keep(db, COMMITS); // H2 counts the rewritten chunks as free from the next commit on

            assertTrue(compaction.rewrote(), compaction.toString());
            assertTrue(store.livePercent() >= EmbeddedStore.TARGET_FILL_PERCENT, "fill " + store.livePercent());
        }
    }

    @Test
    void compactionKeepsEveryRowAndItsLatestValue() {
        try (Database db = Database.open(TestDatabase.H2.freshUrl())) {
            long expected = churn(db);

            db.embeddedStore().orElseThrow().compact();

            long checksum = db.jdbi().withHandle(EmbeddedStoreTest::checksum);
            assertEquals(expected, checksum);
            int kept = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM kept").mapTo(Integer.class).one());
            assertEquals(COMMITS, kept);
        }
    }

    @Test
    void aFileWithoutDeadChunksIsLeftAlone() {
        try (Database db = Database.open(TestDatabase.H2.freshUrl())) {
            EmbeddedStore.Compaction compaction = db.embeddedStore().orElseThrow().compact();

            assertFalse(compaction.rewrote(), compaction.toString());
        }
    }

    @Test
    void postgresqlHasNoEmbeddedStore() {
        try (Database db = Database.open(TestDatabase.POSTGRES.freshUrl())) {
            assertTrue(db.embeddedStore().isEmpty());
        }
    }

    /**
     * What reports do to the file, in small: each commit rewrites a few pages of a table that changes (devices) and
     * adds a row that stays (a report), so every chunk keeps a little live data. H2 keeps chunks 45 s before they
     * may be rewritten; the test's database lets them go at once. Answers the checksum of the changing table.
     */
    private static long churn(Database db) {
        db.jdbi().useHandle(h -> {
            h.execute("SET RETENTION_TIME 0");
            h.execute("CREATE TABLE churn (id INT PRIMARY KEY, counter BIGINT NOT NULL, padding VARCHAR(200) NOT NULL)");
            h.execute("CREATE TABLE kept (id INT PRIMARY KEY, body VARCHAR(2000) NOT NULL)");
            h.execute("INSERT INTO churn SELECT \"X\", 0, REPEAT('p', 200) FROM SYSTEM_RANGE(1, " + ROWS + ")");
        });
        Random random = new Random(17);
        for (int commit = 0; commit < COMMITS; commit++) {
            int kept = commit;
            int[] ids = random.ints(UPDATES_PER_COMMIT, 1, ROWS + 1).toArray();
            db.jdbi().useTransaction(h -> {
                for (int id : ids) {
                    h.execute("UPDATE churn SET counter = counter + ? WHERE id = ?", id, id);
                }
                keep(h, kept);
            });
        }
        return db.jdbi().withHandle(EmbeddedStoreTest::checksum);
    }

    private static void keep(Handle h, int id) {
        h.execute("INSERT INTO kept VALUES (?, REPEAT('k', 2000))", id);
    }

    private static void keep(Database db, int id) {
        db.jdbi().useTransaction(h -> keep(h, id));
    }

    private static long checksum(Handle h) {
        return h.createQuery("SELECT SUM(counter * 31 + id) FROM churn").mapTo(Long.class).one();
    }
}
