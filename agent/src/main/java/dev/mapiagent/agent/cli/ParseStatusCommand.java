package dev.mapiagent.agent.cli;

import dev.mapiagent.outlook.status.ConnectionStatusAssessment;
import dev.mapiagent.outlook.status.ConnectionStatusParser;
import dev.mapiagent.outlook.status.FailureThreshold;
import dev.mapiagent.outlook.status.ParsedStatusTable;
import dev.mapiagent.outlook.status.StatusParseException;
import dev.mapiagent.protocol.ExitCode;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Reads a Connection Status table copied from Outlook's dialog and says what it shows. */
@Command(name = "parse-status", mixinStandardHelpOptions = true,
        description = "Parse an Outlook Connection Status table (a file, or - for standard input).")
public class ParseStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "The table as text; - or nothing reads standard input.")
    String file;

    private final InputStream in;

    ParseStatusCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() {
        String text = TextInput.read(file, in, ConnectionStatusParser.MAX_INPUT, "Connection Status table");
        ParsedStatusTable table = ConnectionStatusParser.parse(text);
        if (table.rows().isEmpty()) {
            // the table is the only input here: with no row read there is nothing to conclude, so it is refused
            throw new StatusParseException("no row of the Connection Status table could be read"
                    + table.unreadable().stream().findFirst().map(u -> " (line " + u.line() + ": " + u.reason()
                            + (table.unreadable().size() > 1 ? "; " + (table.unreadable().size() - 1) + " more" : "") + ")")
                            .orElse(": the table has a header but no rows"));
        }
        ConnectionStatusAssessment assessment = ConnectionStatusAssessment.assess(table, FailureThreshold.DEFAULT);
        Output output = new Output(spec.commandLine().getOut());
        if (common.json) {
            output.json(new ParseStatusResult(assessment.verdict(), assessment.protocol(), assessment.findings(),
                    table.dialect().name(), table.rows(), table.unreadable()));
        } else {
            output.statusTable(table, assessment);
        }
        return assessment.findings().stream().anyMatch(f -> f.severity().isProblem()) ? ExitCode.PROBLEMS : ExitCode.OK;
    }
}
