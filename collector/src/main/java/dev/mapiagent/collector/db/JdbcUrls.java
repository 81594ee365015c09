package dev.mapiagent.collector.db;

import java.nio.file.Path;

/** The JDBC URLs the collector uses: the embedded database's, and any URL as logs may show it. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /**
     * The JDBC URL of the embedded database in a directory: an H2 file in PostgreSQL mode. H2 re-parses a statement
     * unless it is among the session's last QUERY_CACHE_SIZE (default 8); a stored report alone runs more distinct
     * statements than that, so the default cache missed on nearly every statement.
     */
    public static String embedded(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("mapi-collector")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64";
    }

    /** The URL without its password, for logs and messages. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1********");
    }
}
