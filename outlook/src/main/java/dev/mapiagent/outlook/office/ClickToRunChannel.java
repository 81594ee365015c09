package dev.mapiagent.outlook.office;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Click-to-Run update channels. The URLs are {@code http://officecdn.microsoft.com/pr/<GUID>}; the
 * GUIDs of the six Microsoft 365 Apps channels are Microsoft's table (Deploy Office,
 * "build-dynamic-lean-configuration-manager"). The two volume (LTSC) GUIDs come from community
 * lists only and are unconfirmed; PerpetualVL2024 has no GUID here because none was found.
 * The names accepted by {@link #fromName} are the ODT Channel values and the older policy
 * UpdateBranch values (Deploy Office, "change update channels").
 */
public enum ClickToRunChannel {
    BETA("Beta Channel", "5440fd1f-7ecb-4221-8110-145efaa6372f", "BetaChannel", "InsiderFast"),
    CURRENT_PREVIEW("Current Channel (Preview)", "64256afe-f5d9-4f86-8936-8840a6a4f5be",
            "CurrentPreview", "FirstReleaseCurrent", "Insiders"),
    CURRENT("Current Channel", "492350f6-3a01-4f97-b9c0-c7c6ddf67d60", "Current", "Monthly"),
    MONTHLY_ENTERPRISE("Monthly Enterprise Channel", "55336b82-a18d-4dd6-b5f6-9e5095c314a6", "MonthlyEnterprise"),
    SEMI_ANNUAL_PREVIEW("Semi-Annual Enterprise Channel (Preview)", "b8f9b850-328d-4355-9145-c59439a0c4cf",
            "SemiAnnualPreview", "FirstReleaseDeferred", "Targeted"),
    SEMI_ANNUAL("Semi-Annual Enterprise Channel", "7ffbc6bf-bc32-4f92-8982-f9dd17fd3114",
            "SemiAnnual", "Deferred", "Broad"),
    PERPETUAL_VL_2019("Office 2019 Perpetual Enterprise (PerpetualVL2019)", "f2e724c1-748f-4b47-8fb8-8e0d210e9208",
            "PerpetualVL2019"),
    PERPETUAL_VL_2021("Office LTSC 2021 Perpetual Enterprise (PerpetualVL2021)", "5030841d-c919-4594-8d2d-84ae4f96e58e",
            "PerpetualVL2021"),
    PERPETUAL_VL_2024("Office LTSC 2024 Perpetual Enterprise (PerpetualVL2024)", null, "PerpetualVL2024");

    private final String displayName;
    private final String guid;
    private final List<String> names;

    ClickToRunChannel(String displayName, String guid, String... names) {
        this.displayName = displayName;
        this.guid = guid;
        this.names = List.of(names);
    }

    public String displayName() {
        return displayName;
    }

    /** The channel whose GUID the URL contains (CDNBaseUrl, UpdateChannel, UpdateUrl ...); case is ignored. */
    public static Optional<ClickToRunChannel> fromUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.guid != null && lower.contains(c.guid)).findFirst();
    }

    /** The channel of an ODT or policy channel name ("MonthlyEnterprise", "Deferred" ...). */
    public static Optional<ClickToRunChannel> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip();
        return Arrays.stream(values()).filter(c -> c.names.stream().anyMatch(wanted::equalsIgnoreCase)).findFirst();
    }

    /** A channel from a value that may be either a URL or a name (policy UpdatePath can hold both forms). */
    public static Optional<ClickToRunChannel> fromUrlOrName(String value) {
        return fromUrl(value).or(() -> fromName(value));
    }
}
