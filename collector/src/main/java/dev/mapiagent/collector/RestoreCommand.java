package dev.mapiagent.collector;

import dev.mapiagent.collector.db.EmbeddedBackup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code restore --from FILE}: puts a backup in place as the embedded database of a data directory. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore the embedded database from a backup zip (stop the collector first). "
                + "For PostgreSQL use pg_restore.")
public final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, description = "The backup zip.")
    Path from;

    @Option(names = "--data-dir", defaultValue = "${env:MAPI_COLLECTOR_DATA_DIR:-./data}", description = "Where the embedded database lives (default ./data).")
    Path dataDir;

    @Option(names = "--force", description = "Replace a database already in --data-dir (never one in use).")
    boolean force;

    @Override
    public Integer call() {
        EmbeddedBackup.restore(from, dataDir, force);
        spec.commandLine().getOut().println("restored " + from + " into " + dataDir);
        return 0;
    }
}
