package dev.mapiagent.agent.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The one place a {@link CommandLine} is built: {@link Main} and the tests both use it. */
public final class AgentCommandLine {

    private AgentCommandLine() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, InputStream in, HostProvider hosts) {
        CommandLine cli = new CommandLine(new MapiAgentCommand(), new AgentCommandFactory(hosts, in));
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
