package dev.mapiagent.collector.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** The fleet's state counts over time, one set of rows per hour or day. */
public final class FleetHistoryDao {

    private final Handle handle;

    public FleetHistoryDao(Handle handle) {
        this.handle = handle;
    }

    /** Replaces the counts of one bucket (the latest snapshot within an hour or day is what it keeps). */
    public void replace(String resolution, Instant at, List<FleetDao.StateCount> counts) {
        handle.createUpdate("DELETE FROM fleet_history WHERE resolution = :resolution AND at = :at")
                .bind("resolution", resolution).bind("at", at).execute();
        if (counts.isEmpty()) {
            return;
        }
        PreparedBatch insert = handle.prepareBatch("""
                INSERT INTO fleet_history (resolution, at, endpoint, verdict, protocol, devices)
                VALUES (:resolution, :at, :endpoint, :verdict, :protocol, :devices)""");
        for (FleetDao.StateCount c : counts) {
            insert.bind("resolution", resolution).bind("at", at).bind("endpoint", c.endpoint() == null ? "" : c.endpoint())
                    .bind("verdict", c.verdict()).bind("protocol", c.protocol()).bind("devices", c.devices()).add();
        }
        insert.execute();
    }

    /** Drops the buckets of this resolution older than the cutoff. */
    public int purgeBefore(String resolution, Instant cutoff) {
        return handle.createUpdate("DELETE FROM fleet_history WHERE resolution = :resolution AND at < :cutoff")
                .bind("resolution", resolution).bind("cutoff", cutoff).execute();
    }

    /** The rows of one resolution from the given time on, oldest first; only one endpoint's when it is given. */
    public List<Row> since(String resolution, Instant from, String endpoint) {
        Query query = handle.createQuery("SELECT at, endpoint, verdict, protocol, devices FROM fleet_history"
                        + " WHERE resolution = :resolution AND at >= :from"
                        + (endpoint == null ? "" : " AND endpoint = :endpoint") + " ORDER BY at")
                .bind("resolution", resolution).bind("from", from);
        if (endpoint != null) {
            query.bind("endpoint", endpoint);
        }
        return query.map((rs, ctx) -> new Row(Sql.instant(rs, "at"), rs.getString("endpoint"), rs.getString("verdict"),
                rs.getString("protocol"), rs.getInt("devices"))).list();
    }

    /** Devices of one endpoint ('' for none named) with one verdict and protocol at a time. */
    public record Row(Instant at, String endpoint, String verdict, String protocol, int devices) {
    }
}
