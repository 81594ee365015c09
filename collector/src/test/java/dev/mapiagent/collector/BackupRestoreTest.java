package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.db.Database;
import dev.mapiagent.collector.db.JdbcUrls;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code backup} and {@code restore} of the embedded database, apart from {@code serve}. */
class BackupRestoreTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertRefused(Run run, String contains) {
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(contains), run.err());
    }

    private Path collectorData(String name, String deviceId) {
        Path data = dir.resolve(name);
        try (Database db = Database.open(JdbcUrls.embedded(data))) {
            db.jdbi().useHandle(h -> h.execute("INSERT INTO devices (device_id, token_hash, enrolled_at) VALUES (?, ?, ?)",
                    deviceId, "hash-" + deviceId, OffsetDateTime.now()));
        }
        return data;
    }

    private static long devices(Path data, String deviceId) {
        try (Database db = Database.open(JdbcUrls.embedded(data))) {
            return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM devices WHERE device_id = ?")
                    .bind(0, deviceId).mapTo(Long.class).one());
        }
    }

    @Test
    void aBackupRestoredIntoAnEmptyDataDirectoryHoldsTheData() {
        Path data = collectorData("data", "pc-1");
        Path zip = dir.resolve("backup.zip");
        Run backup = run("backup", "--to", zip.toString(), "--data-dir", data.toString());
        assertEquals(0, backup.exitCode(), backup.err());
        Path restored = dir.resolve("restored");
        Run restore = run("restore", "--from", zip.toString(), "--data-dir", restored.toString());
        assertEquals(0, restore.exitCode(), restore.err());
        assertEquals(1, devices(restored, "pc-1"));
    }

    @Test
    void aRestoreOntoADataDirectoryHoldingADatabaseNeedsForce() {
        Path zip = dir.resolve("backup.zip");
        assertEquals(0, run("backup", "--to", zip.toString(), "--data-dir", collectorData("a", "pc-a").toString()).exitCode());
        Path other = collectorData("b", "pc-b");
        assertRefused(run("restore", "--from", zip.toString(), "--data-dir", other.toString()), "use --force");
        assertEquals(1, devices(other, "pc-b"), "the refused restore changed nothing");
        assertEquals(0, run("restore", "--from", zip.toString(), "--data-dir", other.toString(), "--force").exitCode());
        assertEquals(1, devices(other, "pc-a"));
        assertEquals(0, devices(other, "pc-b"));
    }

    @Test
    void aRestoreOntoADatabaseInUseIsRefusedEvenWithForce() {
        Path zip = dir.resolve("backup.zip");
        assertEquals(0, run("backup", "--to", zip.toString(), "--data-dir", collectorData("a", "pc-a").toString()).exitCode());
        Path running = collectorData("b", "pc-b");
        try (Database open = Database.open(JdbcUrls.embedded(running))) {
            assertRefused(run("restore", "--from", zip.toString(), "--data-dir", running.toString(), "--force"), "in use");
        }
        assertEquals(1, devices(running, "pc-b"));
    }

    @Test
    void aBackupNeverOverwritesAFileAndNeverCreatesAnEmptyDatabase() {
        Path zip = dir.resolve("backup.zip");
        assertRefused(run("backup", "--to", zip.toString(), "--data-dir", dir.resolve("nothing").toString()), "cannot back up");
        assertFalse(zip.toFile().exists());
        Path data = collectorData("data", "pc-1");
        assertEquals(0, run("backup", "--to", zip.toString(), "--data-dir", data.toString()).exitCode());
        assertRefused(run("backup", "--to", zip.toString(), "--data-dir", data.toString()), "already exists");
    }

    /**
     * The fixture is a backup that the collector on H2 2.4.240 (its embedded database until 2026-12-02) made of a
     * database holding device pc-h2-2-4 and its report: a data directory written by that release opens, migrates,
     * reads and takes new writes on the H2 the collector ships now.
     */
    @Test
    void aBackupMadeOnTheEarlierEmbeddedDatabaseRestoresOpensAndTakesWrites() throws Exception {
        Path zip = dir.resolve("backup-h2-2.4.240.zip");
        try (InputStream fixture = getClass().getResourceAsStream("backup-h2-2.4.240.zip")) {
            Files.copy(fixture, zip);
        }
        Path restored = dir.resolve("restored");
        Run restore = run("restore", "--from", zip.toString(), "--data-dir", restored.toString());
        assertEquals(0, restore.exitCode(), restore.err());
        try (Database db = Database.open(JdbcUrls.embedded(restored))) {
            String body = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT r.body FROM devices d JOIN reports r ON r.report_id = d.latest_report_id
                    WHERE d.device_id = 'pc-h2-2-4'""").mapTo(String.class).one());
            assertTrue(body.contains("\"reportId\" : \"6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b\""), body);
            db.jdbi().useHandle(h -> h.execute("INSERT INTO devices (device_id, token_hash, enrolled_at) VALUES (?, ?, ?)",
                    "pc-new", "hash-pc-new", OffsetDateTime.now()));
        }
        assertEquals(1, devices(restored, "pc-h2-2-4"));
        assertEquals(1, devices(restored, "pc-new"));
    }

    @Test
    void postgresqlIsBackedUpWithItsOwnTools() {
        assertRefused(run("backup", "--to", dir.resolve("x.zip").toString(), "--db", "jdbc:postgresql://db/mapi"), "pg_dump");
    }

    @Test
    void somethingThatIsNotABackupIsRefused() throws Exception {
        Path notZip = dir.resolve("notes.txt");
        Files.writeString(notZip, "hello");
        assertRefused(run("restore", "--from", notZip.toString(), "--data-dir", dir.resolve("d").toString()), "cannot read");
    }
}
