package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentCommandLineTest {

    private static CommandLine create(String... args) {
        return AgentCommandLine.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), new StandardHosts(), args);
    }

    @Test
    void aStartThatNamesASubcommandBuildsThatOneAlone() {
        assertEquals(Set.of("diagnose"), create("diagnose", "--json").getSubcommands().keySet());
    }

    @Test
    void picocliLeavesOutTheJavaSqlAndJavaTimeConvertersButKeepsThoseTheOptionsUse() {
        create("diagnose");
        List<String> excluded = List.of(System.getProperty(AgentCommandLine.CONVERTER_EXCLUDES).split(","));

        for (String unused : List.of("java.sql.Timestamp", "java.time.Instant", "java.time.Duration")) {
            assertTrue(excluded.stream().anyMatch(unused::matches), unused);
        }
        for (String used : List.of("java.nio.file.Path", "java.lang.String", "java.io.File")) {
            assertFalse(excluded.stream().anyMatch(used::matches), used);
        }
    }

    @Test
    void usageHelpListsEverySubcommand() {
        CliRun help = CliRun.of("--help");

        assertEquals(0, help.exitCode());
        List<String> listed = AgentCommandLine.SUBCOMMANDS.keySet().stream()
                .filter(name -> help.out().contains("  " + name + " ")).toList();
        assertEquals(List.of("diagnose", "heal", "undo", "run", "parse-status", "snapshot"), listed);
        assertTrue(help.out().indexOf("diagnose") < help.out().indexOf("snapshot"), help.out());
    }

    @Test
    void aMistypedSubcommandIsAUsageErrorWithEverySubcommandToChooseFrom() {
        CliRun run = CliRun.of("diagnos");

        assertEquals(2, run.exitCode());
        assertEquals(AgentCommandLine.SUBCOMMANDS.keySet(), create("diagnos").getSubcommands().keySet());
    }

    @Test
    void withoutArgumentsEverySubcommandIsThere() {
        assertEquals(AgentCommandLine.SUBCOMMANDS.keySet(), create().getSubcommands().keySet());
    }
}
