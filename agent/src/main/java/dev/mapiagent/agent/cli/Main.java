package dev.mapiagent.agent.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of mapi-agent.jar: the only place that calls System.exit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        JnaBootPath.useFolderOf(JnaBootPath.agentJar(), System.getProperties());
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = AgentCommandLine.create(out, err, System.in, new StandardHosts(), args).execute(args);
        out.flush();
        System.exit(code);
    }
}
