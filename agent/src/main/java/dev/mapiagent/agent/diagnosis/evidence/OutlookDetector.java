package dev.mapiagent.agent.diagnosis.evidence;

import dev.mapiagent.agent.host.FileVersions;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.protocol.OutlookSection;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Outlook installation from the registry alone: Click-to-Run first (Microsoft 365 Apps,
 * Office 2019/2021/2024, retail 2016+), then MSI installs (Office 2010/2013/2016 MSI), newest first.
 * A machine with both keeps its MSI keys after a move to Click-to-Run, and Click-to-Run is then the
 * Outlook that runs.
 */
public final class OutlookDetector {

    private OutlookDetector() {
    }

    public static Optional<OutlookInstall> detect(Registry registry) {
        return detect(registry, FileVersions.NONE);
    }

    /** With the host's version resources, an MSI Outlook's build is OUTLOOK.EXE's file version. */
    public static Optional<OutlookInstall> detect(Registry registry, FileVersions files) {
        return ClickToRunDetector.detect(registry).or(() -> MsiDetector.detect(registry, files));
    }

    /** The OUTLOOK.EXE paths of the MSI Outlooks the registry names: whose version resources a snapshot keeps. */
    public static List<String> msiOutlookExecutables(Registry registry) {
        return MsiDetector.executables(registry);
    }

    /** The report section: the install found, or {@link OutlookSection#notFound()}. */
    public static OutlookSection section(Registry registry) {
        return detect(registry).map(OutlookInstall::toSection).orElseGet(OutlookSection::notFound);
    }
}
