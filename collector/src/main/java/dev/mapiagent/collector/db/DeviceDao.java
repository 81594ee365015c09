package dev.mapiagent.collector.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** Devices: enrollment, token lookup and the latest state. */
public final class DeviceDao {

    private static final String COLUMNS = """
            device_id, hostname, username, verdict, protocol, last_seen, enrolled_at,
            endpoint_host, latest_report_id, office_version, office_channel""";

    private final Handle handle;

    public DeviceDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * Gives an existing device a new token (re-enrollment after a reinstall) and binds it to the public key unless it
     * is bound already; false when the device is new.
     */
    public boolean reenroll(String deviceId, String hostname, String user, String tokenHash, String publicKey, Instant now) {
        return handle.createUpdate("""
                UPDATE devices SET token_hash = :token, hostname = COALESCE(:hostname, hostname),
                username = COALESCE(:user, username), public_key = COALESCE(public_key, :key), last_seen = :now
                WHERE device_id = :id""")
                .bind("token", tokenHash).bind("hostname", hostname).bind("user", user).bind("key", publicKey)
                .bind("now", now).bind("id", deviceId)
                .execute() == 1;
    }

    public void insert(String deviceId, String hostname, String user, String tokenHash, String publicKey, Instant now) {
        handle.createUpdate("""
                INSERT INTO devices (device_id, hostname, username, token_hash, public_key, enrolled_at, last_seen)
                VALUES (:id, :hostname, :user, :token, :key, :now, :now)""")
                .bind("id", deviceId).bind("hostname", hostname).bind("user", user).bind("token", tokenHash)
                .bind("key", publicKey).bind("now", now)
                .execute();
    }

    /**
     * The key an enrolled device is bound to, its row locked until the transaction ends (so two re-enrolments of
     * one device take their turn); empty when the device is unknown.
     */
    public Optional<Binding> bindingForUpdate(String deviceId) {
        return handle.createQuery("SELECT public_key FROM devices WHERE device_id = :id FOR UPDATE")
                .bind("id", deviceId).map((rs, ctx) -> new Binding(rs.getString("public_key"))).findOne();
    }

    /** How an enrolled device is bound: to a public key, or (null) to none yet. */
    public record Binding(String publicKey) {
    }

    /** Forgets the device's key and gives it a token nobody holds; false when the device is unknown. */
    public boolean resetEnrollment(String deviceId, String unusedTokenHash) {
        return handle.createUpdate("UPDATE devices SET public_key = NULL, token_hash = :token WHERE device_id = :id")
                .bind("token", unusedTokenHash).bind("id", deviceId).execute() == 1;
    }

    /** Records how far the device's clock is off the collector's (seconds, positive = ahead). */
    public void setClockSkew(String deviceId, long seconds) {
        handle.createUpdate("UPDATE devices SET clock_skew_seconds = :skew WHERE device_id = :id")
                .bind("skew", seconds).bind("id", deviceId).execute();
    }

    /** The device clock's offset measured last, or null when none was measured. */
    public Long clockSkew(String deviceId) {
        return handle.createQuery("SELECT clock_skew_seconds FROM devices WHERE device_id = :id")
                .bind("id", deviceId).map((rs, ctx) -> {
                    long value = rs.getLong(1);
                    return rs.wasNull() ? null : value;
                }).findOne().orElse(null);
    }

    public Optional<String> deviceIdForToken(String tokenHash) {
        return handle.createQuery("SELECT device_id FROM devices WHERE token_hash = :token")
                .bind("token", tokenHash).mapTo(String.class).findOne();
    }

    public Optional<DeviceSummary> find(String deviceId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM devices WHERE device_id = :id")
                .bind("id", deviceId).map((rs, ctx) -> summary(rs)).findOne();
    }

    public boolean exists(String deviceId) {
        return handle.createQuery("SELECT COUNT(*) FROM devices WHERE device_id = :id")
                .bind("id", deviceId).mapTo(Integer.class).one() > 0;
    }

    /** One page of the devices the filter matches, in the given order. */
    public List<DeviceSummary> list(DeviceFilter filter, DeviceSort sort, boolean descending, int limit, int offset) {
        List<DeviceSummary> page = new ArrayList<>();
        forEach(filter, sort, descending, limit, offset, page::add);
        return page;
    }

    /** As {@link #list}, each device handed to the consumer as it is read (an export of any size). */
    public void forEach(DeviceFilter filter, DeviceSort sort, boolean descending, int limit, int offset,
                        Consumer<DeviceSummary> consumer) {
        Where where = where(filter, Sql.isPostgres(handle));
        Query query = handle.createQuery("SELECT " + COLUMNS + " FROM devices" + where.sql
                        + " ORDER BY " + sort.orderBy(descending) + " LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset).setFetchSize(1000);
        where.bindings.forEach(query::bind);
        try (var rows = query.map((rs, ctx) -> summary(rs)).stream()) {
            rows.forEach(consumer);
        }
    }

    /** How many devices the filter matches. */
    public int count(DeviceFilter filter) {
        Where where = where(filter, Sql.isPostgres(handle));
        Query query = handle.createQuery("SELECT COUNT(*) FROM devices" + where.sql);
        where.bindings.forEach(query::bind);
        return query.mapTo(Integer.class).one();
    }

    /** A WHERE clause on the devices table (empty when the filter matches all) and its bindings. */
    record Where(String sql, Map<String, Object> bindings) {
    }

    static Where where(DeviceFilter f, boolean postgres) {
        List<String> terms = new ArrayList<>();
        Map<String, Object> bindings = new LinkedHashMap<>();
        if ("UNKNOWN".equals(f.verdict())) {
            terms.add("(verdict = :verdict OR verdict IS NULL)");
            bindings.put("verdict", f.verdict());
        } else if (f.verdict() != null) {
            terms.add("verdict = :verdict");
            bindings.put("verdict", f.verdict());
        }
        if (f.protocol() != null) {
            terms.add("protocol = :protocol");
            bindings.put("protocol", f.protocol());
        }
        if (f.finding() != null) {
            terms.add("device_id IN (SELECT device_id FROM device_findings WHERE code = :finding)");
            bindings.put("finding", f.finding());
        }
        if (f.endpoint() != null) {
            terms.add("endpoint_host = :endpoint");
            bindings.put("endpoint", f.endpoint());
        }
        if (f.officeVersion() != null) {
            terms.add("office_version LIKE :officeVersion " + Sql.LIKE_ESCAPE);
            bindings.put("officeVersion", Sql.prefixPattern(f.officeVersion()));
        }
        if (f.officeChannel() != null) {
            terms.add("LOWER(office_channel) = :officeChannel");
            bindings.put("officeChannel", f.officeChannel().toLowerCase(Locale.ROOT));
        }
        if (f.search() != null) {
            String like = " LIKE :q " + Sql.LIKE_ESCAPE;
            // PostgreSQL: the expressions of the trigram indexes (V63); H2: its search column (db/h2 V64), the
            // same three values lowered and joined by a character no search text holds, so the same devices match
            terms.add(postgres ? "(LOWER(device_id)" + like + " OR LOWER(COALESCE(hostname, ''))" + like
                    + " OR LOWER(COALESCE(username, ''))" + like + ")" : "search_text" + like);
            bindings.put("q", Sql.containsPattern(f.search()));
        }
        if (f.seenBefore() != null) {
            terms.add("last_seen < :seenBefore");
            bindings.put("seenBefore", f.seenBefore());
        }
        if (f.seenAfter() != null) {
            terms.add("last_seen >= :seenAfter");
            bindings.put("seenAfter", f.seenAfter());
        }
        return new Where(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), bindings);
    }

    /**
     * Makes each report its device's latest state unless a report created later is already the latest (spooled
     * reports arrive late and out of order); a tie goes to the arriving report. The statements run in the list's
     * order, so of two reports of one device the later in the list decides on top of the earlier. Each update locks
     * its device's row until the transaction ends, so reports of one device take their turn here, and the condition
     * is checked again after waiting for the row.
     *
     * @return per report, whether it became the latest state
     */
    public boolean[] setLatestIfNewer(List<LatestState> states, Instant now) {
        if (states.isEmpty()) {
            return new boolean[0];
        }
        PreparedBatch batch = handle.prepareBatch("""
                UPDATE devices SET latest_report_id = :reportId,
                latest_created_at = :createdAt, verdict = :verdict, protocol = :protocol, endpoint_host = :endpoint,
                office_version = :officeVersion, office_channel = :officeChannel,
                hostname = COALESCE(:hostname, hostname), username = COALESCE(:user, username), last_seen = :now
                WHERE device_id = :id AND (latest_created_at IS NULL OR latest_created_at <= :createdAt)""");
        for (LatestState state : states) {
            batch.bind("reportId", state.reportId()).bind("createdAt", state.createdAt())
                    .bind("verdict", state.verdict()).bind("protocol", state.protocol())
                    .bind("endpoint", state.endpointHost()).bind("hostname", state.hostname()).bind("user", state.user())
                    .bind("officeVersion", state.officeVersion()).bind("officeChannel", state.officeChannel())
                    .bind("now", now).bind("id", state.deviceId())
                    .add();
        }
        return Sql.changedOneRow(batch.execute());
    }

    /** Whether a contact's report is newer than the device's latest (when it brings one): the contact statement's test. */
    private static final String NEWER = "(:newer AND (latest_created_at IS NULL OR latest_created_at <= :createdAt))";

    private static final String RECORD_CONTACT = """
            UPDATE devices SET last_seen = :now,
            latest_report_id = CASE WHEN %1$s THEN :reportId ELSE latest_report_id END,
            latest_created_at = CASE WHEN %1$s THEN :createdAt ELSE latest_created_at END,
            verdict = CASE WHEN %1$s THEN :verdict ELSE verdict END,
            protocol = CASE WHEN %1$s THEN :protocol ELSE protocol END,
            endpoint_host = CASE WHEN %1$s THEN :endpoint ELSE endpoint_host END,
            office_version = CASE WHEN %1$s THEN :officeVersion ELSE office_version END,
            office_channel = CASE WHEN %1$s THEN :officeChannel ELSE office_channel END,
            hostname = CASE WHEN %1$s THEN COALESCE(:hostname, hostname) ELSE hostname END,
            username = CASE WHEN %1$s THEN COALESCE(:user, username) ELSE username END
            WHERE device_id = :id""".formatted(NEWER);

    /**
     * Sets each device's last contact and, for a contact that brings a report, makes the report the device's latest
     * state under the same rule as {@link #setLatestIfNewer}: one statement per device, in the list's order, each
     * locking its device's row (touching every device first and then setting the latest states updated each row
     * twice). For callers with at most one report per device; whether a report became the latest is in the answer.
     *
     * @return each device's latest report id after the updates (absent: no latest report)
     */
    public Map<String, String> recordContacts(List<Contact> contacts, Instant now) {
        PreparedBatch batch = handle.prepareBatch(RECORD_CONTACT);
        for (Contact contact : contacts) {
            LatestState state = contact.report();
            batch.bind("now", now).bind("id", contact.deviceId()).bind("newer", state != null)
                    // a contact without a report never reads these, but the types must stay those of the columns
                    .bind("createdAt", state == null ? now : state.createdAt())
                    .bind("reportId", state == null ? null : state.reportId())
                    .bind("verdict", state == null ? null : state.verdict())
                    .bind("protocol", state == null ? null : state.protocol())
                    .bind("endpoint", state == null ? null : state.endpointHost())
                    .bind("officeVersion", state == null ? null : state.officeVersion())
                    .bind("officeChannel", state == null ? null : state.officeChannel())
                    .bind("hostname", state == null ? null : state.hostname())
                    .bind("user", state == null ? null : state.user())
                    .add();
        }
        batch.execute();
        Map<String, String> latest = new HashMap<>();
        handle.createQuery("SELECT device_id, latest_report_id FROM devices WHERE device_id = ANY(:ids)")
                .bindArray("ids", String.class, contacts.stream().map(Contact::deviceId).toList())
                .map((rs, ctx) -> new String[] {rs.getString("device_id"), rs.getString("latest_report_id")})
                .forEach(row -> {
                    if (row[1] != null) {
                        latest.put(row[0], row[1]);
                    }
                });
        return latest;
    }

    /** A device heard from now, with the report it sent (null when it sent none to store, e.g. a duplicate). */
    public record Contact(String deviceId, LatestState report) {
    }

    /**
     * Sets the devices' last contact, one statement per device in the given order. Each locks its device's row until
     * the transaction ends: callers that pass devices sorted take the locks of a batch in one order.
     */
    public void touch(Collection<String> deviceIds, Instant now) {
        if (deviceIds.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("UPDATE devices SET last_seen = :now WHERE device_id = :id");
        for (String id : deviceIds) {
            batch.bind("now", now).bind("id", id).add();
        }
        batch.execute();
    }

    private static DeviceSummary summary(ResultSet rs) throws SQLException {
        return new DeviceSummary(rs.getString("device_id"), rs.getString("hostname"), rs.getString("username"),
                rs.getString("verdict"), rs.getString("protocol"), Sql.instant(rs, "last_seen"),
                Sql.instant(rs, "enrolled_at"), rs.getString("endpoint_host"), rs.getString("latest_report_id"),
                rs.getString("office_version"), rs.getString("office_channel"));
    }

    /** What becomes the device's latest state when a newer report arrives; {@code createdAt} is its place in order. */
    public record LatestState(String deviceId, String reportId, Instant createdAt, String verdict, String protocol, String endpointHost,
                              String hostname, String user, String officeVersion, String officeChannel) {
    }
}
