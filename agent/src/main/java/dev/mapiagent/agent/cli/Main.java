package dev.mapiagent.agent.cli;

/** Entry point of mapi-agent.jar: the only place that calls System.exit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(0);
    }
}
