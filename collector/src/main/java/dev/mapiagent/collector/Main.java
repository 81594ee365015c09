package dev.mapiagent.collector;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar mapi-collector.jar serve [options]}. */
@Command(name = "mapi-collector", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Central server of mapi-agent: reports, device state, remote self-heal, fleet view.",
        subcommands = {ServeCommand.class, BackupCommand.class, RestoreCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("mapi-collector: " + e.getMessage());
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("mapi-collector: " + oneLine(e));
            return e instanceof IllegalArgumentException || e instanceof dev.mapiagent.collector.db.DatabaseException ? 2 : 3;
        });
        return cli;
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'serve', 'backup' or 'restore'");
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mapi-collector " + (v == null ? "dev" : v)};
        }
    }
}
