package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime link-runtime.sh makes runs the agent as the MSI starts it, start-up archive included. */
class LinkedRuntimeIT {

    private static final Path JVM_ARGS = Path.of("src/main/dist/jvm.args");
    private static final Path HEALTHY_PC = Path.of("../examples/healthy");

    @Test
    void hasEveryModuleTheAgentNeedsAndNoneOfTheJdksTools() throws Exception {
        List<String> modules = Files.readAllLines(LinkedRuntime.image().resolve("release")).stream()
                .filter(line -> line.startsWith("MODULES=")).toList();
        assertEquals(1, modules.size());
        for (String module : List.of("java.base", "java.management", "java.logging", "jdk.crypto.ec")) {
            assertTrue(modules.get(0).contains(module), module + " missing: " + modules.get(0));
        }
        assertFalse(modules.get(0).contains("jdk.compiler") || modules.get(0).contains("jdk.jlink"), modules.get(0));
        assertFalse(Files.exists(LinkedRuntime.image().resolve("include")) || Files.exists(LinkedRuntime.image().resolve("man")),
                "no header files, no man pages");
    }

    @Test
    void runsTheAgentsDiagnosis() throws Exception {
        Run run = agent(List.of(), "diagnose", "--snapshot", HEALTHY_PC.toString());

        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void dumpsAndMapsThePerUserStartUpArchive(@TempDir Path profile) throws Exception {
        Path archive = profile.resolve("agent.jsa");
        Path classList = profile.resolve("agent.classlist");

        // as the agent makes it (StartupArchive): a training run lists the classes, a static dump archives them
        Run training = agent(List.of("-XX:DumpLoadedClassList=" + classList), "diagnose", "--snapshot", HEALTHY_PC.toString());
        Run dump = java(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
                "-cp", BuiltMsi.agentJar().toString()));
        Run mapped = agent(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"), "--version");

        assertEquals(0, training.exitCode(), training.output());
        assertEquals(0, dump.exitCode(), dump.output());
        assertTrue(Files.size(archive) > 0, "the linked image dumps an archive of the agent's classes");
        assertEquals(0, mapped.exitCode(), "-Xshare:on fails when the archive cannot be mapped: " + mapped.output());
    }

    private record Run(int exitCode, String output) {
    }

    /** The linked java with jvm.args, as the Run value starts javaw.exe. */
    private static Run agent(List<String> options, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(options);
        command.addAll(List.of("-jar", BuiltMsi.agentJar().toString()));
        command.addAll(List.of(arguments));
        return java(command);
    }

    /** The linked java with jvm.args and these options and arguments. */
    private static Run java(List<String> optionsAndArguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LinkedRuntime.image().resolve("bin").resolve("java").toString(),
                "@" + JVM_ARGS));
        command.addAll(optionsAndArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Run(process.exitValue(), output);
    }
}
