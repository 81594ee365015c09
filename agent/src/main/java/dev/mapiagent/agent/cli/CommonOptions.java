package dev.mapiagent.agent.cli;

import picocli.CommandLine.Option;

/** Options every command shares. */
public class CommonOptions {

    @Option(names = "--json", description = "Print one JSON document on stdout and nothing else there.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "On an internal error, print its full cause after the one-line message.")
    boolean verbose;
}
