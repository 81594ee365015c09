package dev.mapiagent.collector.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On the embedded database a stored report goes into as few indexes as its reads need: each is a page rewritten at
 * every commit (docs/benchmarks.md, "Fifth pass").
 */
class EmbeddedReportIndexesTest {

    @Test
    void reportsHaveTheirIdTheirDevicesForeignKeyAndTheirReceiveTimeIndexedAndNothingElse() {
        try (Database db = Database.open(TestDatabase.H2.freshUrl())) {
            List<String> columns = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT LISTAGG(c.column_name, ',') WITHIN GROUP (ORDER BY c.ordinal_position)
                    FROM information_schema.index_columns c WHERE c.table_name = 'reports'
                    GROUP BY c.index_name ORDER BY 1""").mapTo(String.class).list());
            assertEquals(List.of("device_id", "received_at", "report_id"), columns);
        }
    }

    @Test
    void aDevicesReportHistoryIsReadThroughTheIndexOnItsDevice() {
        try (Database db = Database.open(TestDatabase.H2.freshUrl())) {
            String plan = db.jdbi().withHandle(h -> h.createQuery("EXPLAIN " + ReportDao.HISTORY)
                    .bind("device", "pc-1").bind("limit", 20).mapTo(String.class).one());
            assertTrue(plan.contains("device_id = ?"), plan);
            assertFalse(plan.contains("tableScan"), plan);
        }
    }
}
