package dev.mapiagent.collector.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;

/** Small helpers shared by the DAOs: the same SQL runs on PostgreSQL and on H2 in PostgreSQL mode. */
public final class Sql {

    /** SQLSTATE of a unique or primary key violation, the same on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** The escape character of {@link #containsPattern}: not a backslash, which JDBI's SQL parser reads as its own escape. */
    public static final String LIKE_ESCAPE = "ESCAPE '!'";

    /** A LIKE pattern matching the text anywhere, with LIKE's wildcards in the text taken literally ({@link #LIKE_ESCAPE}). */
    public static String containsPattern(String text) {
        return "%" + escapeLike(text.toLowerCase(java.util.Locale.ROOT)) + "%";
    }

    /** A LIKE pattern matching text that starts with the given text, taken literally. */
    public static String prefixPattern(String text) {
        return escapeLike(text) + "%";
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /**
     * Per statement of an executed batch, whether it changed exactly one row. Both drivers report a count per
     * statement (PostgreSQL's reWriteBatchedInserts, which would not, is left off).
     */
    public static boolean[] changedOneRow(int[] counts) {
        boolean[] one = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            one[i] = counts[i] == 1;
        }
        return one;
    }

    /** Whether the failure (anywhere in its causes) is a unique constraint violation. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether the handle is connected to PostgreSQL (the driver answers without asking the server). */
    public static boolean isPostgres(Handle handle) {
        try {
            return "PostgreSQL".equals(handle.getConnection().getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }
}
