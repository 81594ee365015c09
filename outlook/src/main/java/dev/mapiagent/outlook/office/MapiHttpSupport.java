package dev.mapiagent.outlook.office;

/**
 * Whether an Outlook build can use MAPI over HTTP, with a one-line reason for the report.
 *
 * <p>Rules (Exchange "MAPI over HTTP" supportability matrix and the Office 2013 SP1 build):
 * <ul>
 *   <li>16.x (2016, 2019, 2021, 2024, Microsoft 365): always.</li>
 *   <li>15.x (2013): from SP1. MSI Office 2013 SP1 reports 15.0.4569.1506 and Click-to-Run SP1
 *       15.0.4569.1507; both speak MAPI over HTTP, so the floor is .1506 (docs/outlook-facts.md,
 *       "Outlook 2013 SP1 build").</li>
 *   <li>14.x (2010): only with SP2 plus KB2956191 and KB2965295 (April 14, 2015). Those updates
 *       belong to the April 2015 Office 2010 patch wave, build 14.0.7147.5000 (the build the other
 *       Office 2010 updates of that day carry); the threshold is that build. Assumption: the
 *       Outlook KBs carry the same build, not confirmed from the KB pages. An MSI install's
 *       DisplayVersion stays at the service-pack level (SP2 = 14.0.7015.1000) whatever updates are
 *       installed, so the build is read from OUTLOOK.EXE's file version when the host can (docs/outlook-facts.md,
 *       "Registry version versus file version").</li>
 *   <li>12.x and older: never.</li>
 * </ul>
 *
 * @param capable whether this build can speak MAPI over HTTP
 * @param message one line for the report
 */
public record MapiHttpSupport(boolean capable, String message) {

    public static final OfficeVersion OUTLOOK_2013_SP1 = new OfficeVersion(15, 0, 4569, 1506);
    public static final OfficeVersion OUTLOOK_2010_APRIL_2015 = new OfficeVersion(14, 0, 7147, 5000);

    static final String OUTLOOK_2010_NEEDS = "needs SP2 + KB2956191/KB2965295 (April 14, 2015 updates)";

    public static MapiHttpSupport of(OfficeVersion version) {
        int major = version.major();
        if (major >= 16) {
            return new MapiHttpSupport(true, version.outlookFamily() + " " + version + " supports MAPI over HTTP");
        }
        if (major == 15) {
            return version.isAtLeast(OUTLOOK_2013_SP1)
                    ? new MapiHttpSupport(true, "Outlook 2013 " + version + " is SP1 or later and supports MAPI over HTTP")
                    : new MapiHttpSupport(false, "Outlook 2013 " + version + " is older than SP1 (" + OUTLOOK_2013_SP1
                            + "); MAPI over HTTP needs Office 2013 SP1 or later");
        }
        if (major == 14) {
            return version.isAtLeast(OUTLOOK_2010_APRIL_2015)
                    ? new MapiHttpSupport(true, "Outlook 2010 " + version + " is at the April 2015 update level or later;"
                            + " MAPI over HTTP " + OUTLOOK_2010_NEEDS)
                    : new MapiHttpSupport(false, "Outlook 2010 " + version + " " + OUTLOOK_2010_NEEDS
                            + " for MAPI over HTTP; this build is older than " + OUTLOOK_2010_APRIL_2015);
        }
        return new MapiHttpSupport(false, version.outlookFamily() + " " + version
                + " cannot use MAPI over HTTP; Outlook 2013 SP1 or later is needed");
    }

    /**
     * When only the major version is known (an MSI install without a readable DisplayVersion):
     * 16.x is capable whatever the build; for older majors the build decides, so say so.
     */
    public static MapiHttpSupport ofMajorOnly(int major) {
        String family = OfficeProductNames.outlookFamily(major);
        if (major >= 16) {
            return new MapiHttpSupport(true, family + " supports MAPI over HTTP");
        }
        String needs = switch (major) {
            case 15 -> "MAPI over HTTP needs SP1 (" + OUTLOOK_2013_SP1 + ")";
            case 14 -> "MAPI over HTTP " + OUTLOOK_2010_NEEDS;
            default -> "MAPI over HTTP needs Outlook 2013 SP1 or later";
        };
        return new MapiHttpSupport(false, family + ": build number not found in the registry; " + needs);
    }
}
