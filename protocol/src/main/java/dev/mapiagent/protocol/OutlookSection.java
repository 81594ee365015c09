package dev.mapiagent.protocol;

/**
 * The Outlook installation the agent found.
 *
 * @param installed       false when no Outlook was found
 * @param productName     e.g. "Microsoft 365 Apps for enterprise", "Outlook 2016 (MSI)"
 * @param version         full build, e.g. 16.0.17029.20108
 * @param installType     ClickToRun or MSI
 * @param channel         update channel name (Click-to-Run), or null
 * @param bitness         x86 or x64, or null
 * @param mapiHttpCapable whether this build can speak MAPI over HTTP
 * @param source          registry key the facts came from
 */
public record OutlookSection(
        boolean installed,
        String productName,
        String version,
        String installType,
        String channel,
        String bitness,
        boolean mapiHttpCapable,
        String source) {

    public static OutlookSection notFound() {
        return new OutlookSection(false, null, null, null, null, null, false, null);
    }
}
