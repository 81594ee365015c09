package dev.mapiagent.installer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The runtime image link-runtime.sh makes for the agent jar, linked once per test run into target/.
 * Linked here it is a Linux image: the Windows one needs a Windows JDK's jmods (the Windows workflow
 * links it). It has the same modules and options, so it shows that they suffice and stands in for
 * the Windows image's files in the MSI.
 */
final class LinkedRuntime {

    private static Path image;

    private LinkedRuntime() {
    }

    static synchronized Path image() throws IOException, InterruptedException {
        if (image == null) {
            Path target = Path.of(System.getProperty("msi.outputDir")).resolve("linked-runtime");
            if (!Files.isDirectory(target)) {
                Path script = Path.of(System.getProperty("msi.buildScript")).resolveSibling("link-runtime.sh");
                Process link = new ProcessBuilder("bash", script.toString(), BuiltMsi.agentJar().toString(), target.toString())
                        .redirectErrorStream(true).start();
                String output = new String(link.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(link.waitFor(300, TimeUnit.SECONDS), "link-runtime.sh did not finish");
                assertTrue(link.exitValue() == 0, "link-runtime.sh failed: " + output);
            }
            image = target;
        }
        return image;
    }
}
