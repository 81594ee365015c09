package dev.mapiagent.agent.host;

import java.util.Optional;

/**
 * The version resources of executables. The file version of OUTLOOK.EXE moves with every update,
 * while an MSI install's registry version stays at the service-pack level (docs/outlook-facts.md,
 * "Registry version versus file version").
 */
public interface FileVersions {

    /** A host that cannot read version resources. */
    FileVersions NONE = windowsPath -> Optional.empty();

    /**
     * The file version ("14.0.7268.5000") of the file at a Windows path such as
     * {@code C:\Program Files\Microsoft Office\Office14\OUTLOOK.EXE}, or empty when the file or its
     * version resource is missing.
     */
    Optional<String> fileVersion(String windowsPath);
}
