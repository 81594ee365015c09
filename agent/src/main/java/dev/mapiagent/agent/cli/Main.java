package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.host.Hosts;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of mapi-agent.jar: the only place that calls System.exit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        HostProvider hosts = snapshot -> snapshot != null ? SnapshotHost.open(snapshot) : Hosts.live();
        int code = AgentCommandLine.create(out, err, System.in, hosts).execute(args);
        out.flush();
        System.exit(code);
    }
}
