package dev.mapiagent.collector.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapiagent.collector.db.JdbcUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty database of one kind: an H2 file in a new temporary directory, or a new schema on the PostgreSQL
 * server named by MAPI_TEST_PG_URL (see scripts/test-postgres.sh). Without that variable PostgreSQL tests are
 * skipped locally and fail in CI (CI=true), so CI can never pass without having run them.
 */
public enum TestDatabase {
    H2,
    POSTGRES;

    public static final String PG_URL_VARIABLE = "MAPI_TEST_PG_URL";

    /** A JDBC URL of an empty database no other test uses. */
    public String freshUrl() {
        return switch (this) {
            case H2 -> h2Url();
            case POSTGRES -> postgresUrl();
        };
    }

    private static String h2Url() {
        try {
            Path dir = Files.createTempDirectory("mapi-collector-test");
            dir.toFile().deleteOnExit();
            return JdbcUrls.embedded(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base PostgreSQL URL, or a skip (locally) / failure (CI) when it is not configured. */
    public static String postgresBaseUrl() {
        String base = System.getenv(PG_URL_VARIABLE);
        if (base == null || base.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(PG_URL_VARIABLE + " is not set: CI must run the PostgreSQL tests (eval \"$(scripts/test-postgres.sh)\")");
            }
            assumeTrue(false, PG_URL_VARIABLE + " not set: PostgreSQL tests skipped (run scripts/test-postgres.sh)");
        }
        return base;
    }

    private static String postgresUrl() {
        String base = postgresBaseUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + JdbcUrls.redact(base), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
