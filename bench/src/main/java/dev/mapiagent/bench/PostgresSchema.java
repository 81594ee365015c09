package dev.mapiagent.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh schema on the PostgreSQL server for one run, dropped afterwards, so runs never see each other's rows. */
final class PostgresSchema implements AutoCloseable {

    private final String baseUrl;
    private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    PostgresSchema(String baseUrl) {
        this.baseUrl = baseUrl;
        execute("CREATE SCHEMA " + schema);
    }

    /** The JDBC URL the collectors use: the base URL with this schema as the current one. */
    String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + ": " + e.getMessage(), e);
        }
    }
}
