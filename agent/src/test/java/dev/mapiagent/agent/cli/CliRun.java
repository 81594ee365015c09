package dev.mapiagent.agent.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the agent's command line in-process and captures exit code, stdout and stderr together. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withStdin("", args);
    }

    static CliRun withStdin(String stdin, String... args) {
        return run(new StandardHosts(), stdin, args);
    }

    /** With the hosts a test gives, e.g. a live PC that refuses. */
    static CliRun on(HostProvider hosts, String... args) {
        return run(hosts, "", args);
    }

    private static CliRun run(HostProvider hosts, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AgentCommandLine.create(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), hosts, args).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Bad input and failures are one line on stderr, never a stack trace. */
    boolean errIsOneLine() {
        return err.strip().lines().count() == 1 && !err.contains("\tat ") && !err.contains("Exception:");
    }
}
