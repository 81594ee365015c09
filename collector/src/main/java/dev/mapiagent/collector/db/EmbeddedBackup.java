package dev.mapiagent.collector.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.ZipFile;
import org.h2.tools.Restore;

/**
 * Backup and restore of the embedded database, run while no collector uses it: {@code BACKUP TO} writes a zip
 * of the database file; a restore unpacks it into a data directory. PostgreSQL has its own tools (pg_dump,
 * pg_restore).
 */
public final class EmbeddedBackup {

    /** The name of the embedded database's file in its data directory (see {@link JdbcUrls#embedded}). */
    static final String DATABASE_NAME = "mapi-collector";
    private static final String FILE = DATABASE_NAME + ".mv.db";

    private EmbeddedBackup() {
    }

    /**
     * Writes a zip of the database at the URL.
     *
     * @throws DatabaseException (one line) for a PostgreSQL URL, a missing database, one in use, or a failed write
     */
    public static void backup(String jdbcUrl, Path zip) {
        requireEmbedded(jdbcUrl);
        if (Files.exists(zip)) {
            throw new DatabaseException(zip + " already exists: choose a new file");
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl + ";IFEXISTS=TRUE"); Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new DatabaseException("cannot back up " + JdbcUrls.redact(jdbcUrl) + ": " + Database.rootMessage(e));
        }
    }

    /**
     * Unpacks a backup into the data directory. Refused when the directory holds a database, unless forced, and
     * always when a running collector holds that database.
     */
    public static void restore(Path zip, Path dataDir, boolean force) {
        requireBackup(zip);
        Path existing = dataDir.resolve(FILE);
        if (Files.exists(existing)) {
            if (inUse(existing)) {
                throw new DatabaseException("the database in " + dataDir + " is in use: stop the collector first");
            }
            if (!force) {
                throw new DatabaseException(dataDir + " already holds a database: use --force to replace it");
            }
        }
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(existing);
            Files.deleteIfExists(dataDir.resolve(DATABASE_NAME + ".trace.db"));
        } catch (IOException e) {
            throw new DatabaseException("cannot prepare " + dataDir + ": " + e.getMessage());
        }
        Restore.execute(zip.toString(), dataDir.toString(), DATABASE_NAME);
    }

    private static void requireEmbedded(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            throw new DatabaseException("backup and restore are for the embedded database; for PostgreSQL use "
                    + "pg_dump --format=custom and pg_restore --clean (see the collector README)");
        }
    }

    private static void requireBackup(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.getEntry(FILE) == null) {
                throw new DatabaseException(zip + " is not a collector backup (no " + FILE + " in it)");
            }
        } catch (IOException e) {
            throw new DatabaseException("cannot read " + zip + ": " + e.getMessage());
        }
    }

    /** Whether another process (or this one) holds the database file's lock, as H2 does while it has it open. */
    private static boolean inUse(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException held) {
            return true;
        } catch (IOException e) {
            throw new DatabaseException("cannot check " + file + ": " + e.getMessage());
        }
    }
}
