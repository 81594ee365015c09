package dev.mapiagent.outlook.office;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Office build number as the registry reports it: {@code major.minor.build.revision}, e.g.
 * 16.0.17029.20108 (Click-to-Run VersionToReport) or 15.0.4569.1507 (MSI DisplayVersion).
 */
public record OfficeVersion(int major, int minor, int build, int revision) implements Comparable<OfficeVersion> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})\\.(\\d{1,5})\\.(\\d{1,6})\\.(\\d{1,6})");

    private static final Comparator<OfficeVersion> ORDER = Comparator.comparingInt(OfficeVersion::major)
            .thenComparingInt(OfficeVersion::minor)
            .thenComparingInt(OfficeVersion::build)
            .thenComparingInt(OfficeVersion::revision);

    public OfficeVersion {
        if (major < 0 || minor < 0 || build < 0 || revision < 0) {
            throw new IllegalArgumentException("version parts cannot be negative");
        }
    }

    /** Parses "16.0.17029.20108"; surrounding blanks are ignored. */
    public static OfficeVersion parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "not an Office version (expected four numbers such as 16.0.17029.20108): \"" + text + "\""));
    }

    /** The version, or empty when the text is not one (registry values can hold anything). */
    public static Optional<OfficeVersion> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new OfficeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
    }

    public boolean isAtLeast(OfficeVersion other) {
        return compareTo(other) >= 0;
    }

    /** Whether this build can speak MAPI over HTTP, and why; see {@link MapiHttpSupport}. */
    public MapiHttpSupport mapiHttpSupport() {
        return MapiHttpSupport.of(this);
    }

    public boolean supportsMapiHttp() {
        return mapiHttpSupport().capable();
    }

    /** "Outlook 2013" for 15.x; 16.x is every Outlook since 2016, so the name says so. */
    public String outlookFamily() {
        return OfficeProductNames.outlookFamily(major);
    }

    @Override
    public int compareTo(OfficeVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + "." + revision;
    }
}
