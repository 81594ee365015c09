package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.host.BadInputException;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.outlook.InputException;
import dev.mapiagent.protocol.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on stderr and an exit code: bad input is 2, a failure
 * of the agent or the PC is 3. The stack trace is shown only with --verbose.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = exitCodeOf(ex);
        String what = code == ExitCode.BAD_INPUT ? "" : (ex instanceof HostException ? "" : "internal error: ");
        err.println("mapi-agent: " + what + oneLine(ex));
        if (parseResult.hasMatchedOption("--verbose")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int exitCodeOf(Throwable ex) {
        // the agent's bad input, and the outlook parsers' (that module cannot know the agent)
        if (ex instanceof BadInputException || ex instanceof InputException) {
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.AGENT_FAILURE;
    }

    private static String oneLine(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        } else if (exitCodeOf(ex) != ExitCode.BAD_INPUT && !(ex instanceof HostException)) {
            message = ex.getClass().getSimpleName() + ": " + message;
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
