package dev.mapiagent.collector.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The connection pool, the schema (Flyway migrations) and the JDBI handle factory of one database. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final EmbeddedStore embeddedStore;

    private Database(HikariDataSource dataSource, boolean embedded) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        if (embedded) {
            jdbi.setTransactionHandler(new DurableCommits(jdbi.getTransactionHandler()));
        }
        this.embeddedStore = embedded ? new EmbeddedStore(jdbi) : null;
    }

    /**
     * Opens a pool on the URL and brings the schema up to date.
     *
     * @throws DatabaseException with a one-line reason when the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new DatabaseException("unsupported database URL " + JdbcUrls.redact(jdbcUrl)
                    + ": use jdbc:postgresql://... or jdbc:h2:file:...");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("mapi-collector");
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        config.setConnectionInitSql(durableCommitsSql(jdbcUrl));
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + JdbcUrls.redact(jdbcUrl) + ": " + rootMessage(e));
        }
        try {
            migrate(dataSource, isH2(jdbcUrl));
        } catch (RuntimeException e) {
            dataSource.close();
            throw new DatabaseException("cannot migrate the schema of " + JdbcUrls.redact(jdbcUrl) + ": "
                    + rootMessage(e));
        }
        return new Database(dataSource, isH2(jdbcUrl));
    }

    private static boolean isH2(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /**
     * Run on every new connection so a commit is durable before it returns, whatever the server or file was set to.
     * H2: {@code WRITE_DELAY 0} writes each commit to the file at once (the default keeps up to a second of commits
     * in memory, lost when the process dies). PostgreSQL: {@code synchronous_commit=off} acknowledges a commit
     * before its WAL is flushed, so it is turned back on; the stricter settings a replicated server may use
     * (remote_write, remote_apply) are kept.
     */
    static String durableCommitsSql(String jdbcUrl) {
        if (isH2(jdbcUrl)) {
            return "SET WRITE_DELAY 0";
        }
        return "DO $$ BEGIN IF current_setting('synchronous_commit') = 'off' "
                + "THEN PERFORM set_config('synchronous_commit', 'on', false); END IF; END $$";
    }

    /**
     * Applies the migrations both databases share ({@code db/migration}) and those of this database only
     * ({@code db/postgresql}: what H2 has no equivalent of, such as trigram indexes; {@code db/h2}: H2's own way to
     * the same end, such as a search column), in one order of versions.
     */
    private static void migrate(DataSource dataSource, boolean embedded) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(embedded ? new String[] {"classpath:db/migration", "classpath:db/h2"}
                        : new String[] {"classpath:db/migration", "classpath:db/postgresql"})
                .load()
                .migrate();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The embedded database's file, for its compaction; empty on PostgreSQL, which reclaims space itself. */
    public Optional<EmbeddedStore> embeddedStore() {
        return Optional.ofNullable(embeddedStore);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
