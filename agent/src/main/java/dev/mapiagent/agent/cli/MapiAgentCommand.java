package dev.mapiagent.agent.cli;

import picocli.CommandLine.Command;

/** The root command; work is done by the subcommands ({@link AgentCommandLine#SUBCOMMANDS}). */
@Command(name = "mapi-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentVersion.class,
        description = "Finds and fixes why Outlook is not on MAPI over HTTP.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no problem found / done",
            "1:problems found (diagnose) or a remedy failed (heal)",
            "2:bad input or usage",
            "3:the agent itself failed"})
public class MapiAgentCommand {
}
