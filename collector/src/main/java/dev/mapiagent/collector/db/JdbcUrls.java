package dev.mapiagent.collector.db;

import java.nio.file.Path;

/** The JDBC URLs the collector uses: the embedded database's, and any URL as logs may show it. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /**
     * The embedded database's page cache: this share of the heap, within the bounds below. H2 keeps every page it
     * writes in the cache, so with reports arriving the cache is mostly pages that live for seconds: an eighth of a
     * 1 GiB heap (128 MiB) made the garbage collector's threads cost 0.09 ms per stored report, a thirty-second
     * (32 MiB) 0.03 ms, with a lower p99 at 500 reports/s and the device list at 50,000 devices as quick
     * (docs/benchmarks.md, "the page cache").
     */
    static final int CACHE_SHARE_OF_HEAP = 32;
    static final long MIN_CACHE_BYTES = 8L * 1024 * 1024;
    static final long MAX_CACHE_BYTES = 512L * 1024 * 1024;

    /**
     * The JDBC URL of the embedded database in a directory: an H2 file in PostgreSQL mode. H2 re-parses a statement
     * unless it is among the session's last QUERY_CACHE_SIZE (default 8); a stored report alone runs more distinct
     * statements than that, so the default cache missed on nearly every statement. The page cache is sized for
     * this JVM's heap ({@link #cacheKilobytes}). DB_CLOSE_ON_EXIT=FALSE: the collector closes the database itself
     * after the last request finished, instead of H2's shutdown hook closing it under requests still running.
     */
    public static String embedded(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("mapi-collector")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64"
                + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + cacheKilobytes(Runtime.getRuntime().maxMemory());
    }

    /**
     * H2's CACHE_SIZE (kilobytes) for a heap: a thirty-second of it, at least 8 MiB and at most 512 MiB, so a small
     * heap keeps room for request bodies and group commits, and a large one is not wasted.
     */
    static long cacheKilobytes(long maxHeapBytes) {
        long bytes = Math.max(MIN_CACHE_BYTES, Math.min(MAX_CACHE_BYTES, maxHeapBytes / CACHE_SHARE_OF_HEAP));
        return bytes / 1024;
    }

    /** The URL without its password, for logs and messages. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1********");
    }
}
