package dev.mapiagent.agent.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where JNA loads its native part from. The MSI installs {@code jnidispatch.dll} beside mapi-agent.jar
 * and jvm.args says {@code -Djna.nounpack=true}, so that JNA never unpacks a copy into the user's
 * %TEMP%: AppLocker and WDAC rules commonly block DLLs in user-writable folders. The Run value has no
 * room under its 260 characters for a second copy of the install folder, so the agent names its own
 * folder before the first JNA class loads.
 */
final class JnaBootPath {

    static final String PROPERTY = "jna.boot.library.path";
    /** jnidispatch.dll on Windows (libjnidispatch.so elsewhere, where the tests load it). */
    static final String DISPATCH_LIBRARY = System.mapLibraryName("jnidispatch");

    private JnaBootPath() {
    }

    /**
     * Sets {@value #PROPERTY} to the folder of {@code agentJar} when that folder holds
     * {@value #DISPATCH_LIBRARY} and the command line did not set it already.
     */
    static void useFolderOf(Optional<Path> agentJar, Properties properties) {
        if (properties.getProperty(PROPERTY) != null) {
            return;
        }
        agentJar.map(Path::toAbsolutePath).map(Path::getParent)
                .filter(folder -> Files.isRegularFile(folder.resolve(DISPATCH_LIBRARY)))
                .ifPresent(folder -> properties.setProperty(PROPERTY, folder.toString()));
    }

    /** The jar (or classes folder) this class was loaded from. */
    static Optional<Path> agentJar() {
        try {
            var source = JnaBootPath.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
