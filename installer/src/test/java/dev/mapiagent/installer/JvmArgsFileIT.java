package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** jvm.args, the options file the Run key and mapi-agent.cmd hand to the JVM. */
class JvmArgsFileIT {

    private static final Path ARGS = Path.of("src/main/dist/jvm.args");

    @Test
    void everyOptionIsOneARealJvmTakesFromTheCommandLine() throws Exception {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + ARGS,
                "-XX:+PrintFlagsFinal", "-version").redirectErrorStream(true).start();
        String flags = new String(java.getInputStream().readAllBytes());
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, java.exitValue(), flags);
        for (String flag : new String[] {"UseSerialGC", "MaxHeapSize", "InitialHeapSize", "MaxHeapFreeRatio",
                "MinHeapFreeRatio", "TieredStopAtLevel", "ThreadStackSize", "UsePerfData", "NewSize",
            "Tier3InvocationThreshold", "Tier3MinInvocationThreshold", "Tier3CompileThreshold"}) {
            assertTrue(flags.lines().anyMatch(l -> l.contains(" " + flag + " ") && l.contains("{command line}")),
                    flag + " not set from the file");
        }
    }

    @Test
    void leavesTheArchiveToTheCommandLineBecauseItIsPerUser() throws IOException {
        assertFalse(Files.readString(ARGS).contains("SharedArchiveFile"));
    }
}
