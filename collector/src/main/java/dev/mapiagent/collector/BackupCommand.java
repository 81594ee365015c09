package dev.mapiagent.collector;

import dev.mapiagent.collector.db.EmbeddedBackup;
import dev.mapiagent.collector.db.JdbcUrls;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backup --to FILE}: a zip of the embedded database, taken while no collector runs on it. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the embedded database to a zip file (stop the collector first). "
                + "For PostgreSQL use pg_dump.")
public final class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, description = "The zip file to write (must not exist).")
    Path to;

    @Option(names = "--db", defaultValue = "${env:MAPI_COLLECTOR_DB}", description = "JDBC URL (env MAPI_COLLECTOR_DB); default the embedded database in --data-dir.")
    String db;

    @Option(names = "--data-dir", defaultValue = "${env:MAPI_COLLECTOR_DATA_DIR:-./data}", description = "Where the embedded database lives (default ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        String url = db == null || db.isBlank() ? JdbcUrls.embedded(dataDir) : db.trim();
        EmbeddedBackup.backup(url, to);
        spec.commandLine().getOut().println("backed up " + JdbcUrls.redact(url) + " to " + to);
        return 0;
    }
}
