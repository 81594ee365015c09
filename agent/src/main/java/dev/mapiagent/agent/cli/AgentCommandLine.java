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

    /** Picocli's switch for built-in converters it should not register (regular expressions over class names). */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * No option is a {@code java.sql} or {@code java.time} type; picocli would otherwise load (and initialise) those
     * classes by reflection at every start to register converters for them: the {@code java.sql} module and
     * {@code java.time}'s formatters, about 90 classes.
     */
    static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

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
        System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
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
