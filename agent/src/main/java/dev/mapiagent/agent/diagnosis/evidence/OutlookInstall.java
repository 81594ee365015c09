package dev.mapiagent.agent.diagnosis.evidence;

import dev.mapiagent.outlook.office.MapiHttpSupport;
import dev.mapiagent.protocol.OutlookSection;
import java.util.Objects;

/**
 * The Outlook installation found in the registry.
 *
 * @param productName e.g. "Microsoft 365 Apps for enterprise", "Office Professional Plus 2019", "Outlook 2013 (MSI)"
 * @param version     the build (16.0.17029.20108), or only the major version ("15.0") when no build was found
 * @param installType {@link #CLICK_TO_RUN} or {@link #MSI}
 * @param channel     Click-to-Run update channel name, or null
 * @param bitness     "x86", "x64", or null when the registry does not say
 * @param mapiHttp    whether this build can use MAPI over HTTP, with the one-line reason
 * @param source      the registry key(s) the facts came from, for the finding's evidence
 */
public record OutlookInstall(
        String productName,
        String version,
        String installType,
        String channel,
        String bitness,
        MapiHttpSupport mapiHttp,
        String source) {

    public static final String CLICK_TO_RUN = "ClickToRun";
    public static final String MSI = "MSI";

    public OutlookInstall {
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installType, "installType");
        Objects.requireNonNull(mapiHttp, "mapiHttp");
        Objects.requireNonNull(source, "source");
    }

    public OutlookSection toSection() {
        return new OutlookSection(true, productName, version, installType, channel, bitness, mapiHttp.capable(), source);
    }
}
