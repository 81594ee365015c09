package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.protocol.JsonTrees;
import dev.mapiagent.protocol.ReportJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diagnose} of a snapshot, as a fresh JVM runs it, never builds databind's ObjectMapper: the mapper costs a
 * cold start about 190 ms (about 340 classes), the report streamed and the snapshot read without it a few ms.
 */
class DiagnoseClassLoadTest {

    private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";

    @Test
    void diagnoseJsonLoadsNoObjectMapper(@TempDir Path temp) throws Exception {
        List<String> loaded = classesLoadedBy(temp, "diagnose", "--snapshot", ExampleSnapshots.arg("healthy"), "--json");

        assertTrue(loaded.contains(ReportJson.class.getName()), "the report was written: " + loaded.size());
        assertFalse(loaded.contains(MAPPER), MAPPER + " was loaded");
    }

    @Test
    void diagnoseForAPersonLoadsNoObjectMapper(@TempDir Path temp) throws Exception {
        List<String> loaded = classesLoadedBy(temp, "diagnose", "--snapshot", ExampleSnapshots.arg("healthy"));

        assertTrue(loaded.contains(JsonTrees.class.getName()), "the snapshot's JSON was read: " + loaded.size());
        assertFalse(loaded.contains(MAPPER), MAPPER + " was loaded");
    }

    /** The names of the classes a fresh JVM loads running the agent's main with these arguments. */
    private static List<String> classesLoadedBy(Path temp, String... args) throws Exception {
        Path log = temp.resolve("classes.txt");
        List<String> command = Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), Main.class.getName()),
                Stream.of(args)).toList();
        Process agent = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("output.txt").toFile()).start();

        assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "the agent did not finish");
        assertEquals(0, agent.exitValue(), Files.readString(temp.resolve("output.txt")));
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.map(line -> line.substring(line.indexOf("] ", line.indexOf("class,load")) + 2))
                    .map(line -> line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line).toList();
        }
    }
}
