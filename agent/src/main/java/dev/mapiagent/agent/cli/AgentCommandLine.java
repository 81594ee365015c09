package dev.mapiagent.agent.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** The one place a {@link CommandLine} is built: {@link Main} and the tests both use it. */
public final class AgentCommandLine {

    private AgentCommandLine() {
    }

    /** The subcommands by name, in the order the usage help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("diagnose", DiagnoseCommand.class);
        commands.put("heal", HealCommand.class);
        commands.put("undo", UndoCommand.class);
        commands.put("run", RunCommand.class);
        commands.put("parse-status", ParseStatusCommand.class);
        commands.put("snapshot", SnapshotCommand.class);
        return commands;
    }

    /**
     * The command line for {@code args}. Picocli builds a subcommand's model by reflection over its classes when it
     * is added, which took about a third of the start of {@code diagnose} for all six; so only the subcommand
     * {@code args} name is added, and all of them only when there is none to run (usage help, a mistyped name), so
     * that the help lists them.
     */
    public static CommandLine create(PrintWriter out, PrintWriter err, InputStream in, HostProvider hosts,
                                     String... args) {
        CommandLine cli = new CommandLine(new MapiAgentCommand(), new AgentCommandFactory(hosts, in));
        boolean named = args.length > 0 && SUBCOMMANDS.containsKey(args[0]);
        SUBCOMMANDS.forEach((name, command) -> {
            if (!named || name.equals(args[0])) {
                cli.addSubcommand(name, command);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new UsageErrors());
        return cli;
    }

    /** Gives commands their collaborators; picocli instantiates everything else. */
    private record AgentCommandFactory(HostProvider hosts, InputStream in) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == DiagnoseCommand.class) {
                return cls.cast(new DiagnoseCommand(hosts, in));
            }
            if (cls == HealCommand.class) {
                return cls.cast(new HealCommand(hosts));
            }
            if (cls == RunCommand.class) {
                return cls.cast(new RunCommand(hosts));
            }
            if (cls == UndoCommand.class) {
                return cls.cast(new UndoCommand(hosts));
            }
            if (cls == SnapshotCommand.class) {
                return cls.cast(new SnapshotCommand(hosts, in));
            }
            if (cls == ParseStatusCommand.class) {
                return cls.cast(new ParseStatusCommand(in));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
