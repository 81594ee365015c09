package dev.mapiagent.outlook.office;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of Click-to-Run's {@code ProductReleaseIds}, e.g. {@code O365ProPlusRetail},
 * {@code ProPlus2019Volume}, {@code Outlook2021Retail}, {@code VisioProRetail}: an edition, an
 * optional year (none = 2016 or Microsoft 365) and a licence channel (Retail or Volume).
 *
 * @param releaseId the id as the registry holds it
 * @param edition   the id without year and licence, e.g. "ProPlus", "O365ProPlus", "HomeBusiness"
 * @param year      2019, 2021, 2024, or null
 * @param volume    Volume licensing (LTSC for 2021 and later) rather than Retail
 */
public record ClickToRunProduct(String releaseId, String edition, Integer year, boolean volume) {

    private static final Pattern ID = Pattern.compile("(?<edition>[A-Za-z0-9]+?)(?<year>20\\d\\d)?(?<licence>Retail|Volume)",
            Pattern.CASE_INSENSITIVE);

    /** Suites and apps that contain Outlook; everything else (Visio, Project, Home &amp; Student, single apps) does not. */
    private static final List<String> WITH_OUTLOOK = List.of(
            "O365", "ProPlus", "Standard", "Professional", "HomeBusiness", "Personal", "Mondo", "Outlook");

    private static final Map<String, String> EDITION_NAMES = Map.of(
            "proplus", "Professional Plus",
            "standard", "Standard",
            "professional", "Professional",
            "homebusiness", "Home & Business",
            "personal", "Personal",
            "mondo", "Mondo");

    private static final Map<String, String> MICROSOFT_365_NAMES = Map.of(
            "o365proplus", "Microsoft 365 Apps for enterprise",
            "o365business", "Microsoft 365 Apps for business",
            "o365homeprem", "Microsoft 365 Personal/Family");

    public static Optional<ClickToRunProduct> parse(String releaseId) {
        String id = releaseId == null ? "" : releaseId.strip();
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        Integer year = m.group("year") == null ? null : Integer.valueOf(m.group("year"));
        return Optional.of(new ClickToRunProduct(id, m.group("edition"), year,
                m.group("licence").equalsIgnoreCase("Volume")));
    }

    /** The products of a ProductReleaseIds value ("O365ProPlusRetail,VisioProRetail"), unknown entries skipped. */
    public static List<ClickToRunProduct> parseList(String productReleaseIds) {
        if (productReleaseIds == null) {
            return List.of();
        }
        return Arrays.stream(productReleaseIds.split(","))
                .map(ClickToRunProduct::parse)
                .flatMap(Optional::stream)
                .toList();
    }

    public boolean includesOutlook() {
        String lower = edition.toLowerCase(Locale.ROOT);
        return WITH_OUTLOOK.stream().anyMatch(prefix -> lower.startsWith(prefix.toLowerCase(Locale.ROOT)));
    }

    public boolean isMicrosoft365() {
        return edition.regionMatches(true, 0, "O365", 0, 4);
    }

    /**
     * "Microsoft 365 Apps for enterprise", "Office Professional Plus 2019", "Office LTSC Standard 2021",
     * "Outlook 2019". Without a year a non-365 product is the 2016 retail release.
     */
    public String displayName() {
        String lower = edition.toLowerCase(Locale.ROOT);
        if (isMicrosoft365()) {
            return MICROSOFT_365_NAMES.entrySet().stream()
                    .filter(e -> lower.startsWith(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse("Microsoft 365 (" + releaseId + ")");
        }
        int releaseYear = year == null ? 2016 : year;
        // Volume releases from 2021 on are the Long Term Servicing Channel products
        String ltsc = volume && releaseYear >= 2021 ? " LTSC" : "";
        if (lower.equals("outlook")) {
            return "Outlook" + ltsc + " " + releaseYear;
        }
        String editionName = EDITION_NAMES.getOrDefault(lower, edition);
        return "Office" + ltsc + " " + editionName + " " + releaseYear;
    }
}
