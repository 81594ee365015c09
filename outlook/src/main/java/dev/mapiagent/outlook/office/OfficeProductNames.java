package dev.mapiagent.outlook.office;

/** Names of Outlook generations by Office major version (KB2612922: 12.0 = 2007 ... 16.0 = 2016 and later). */
public final class OfficeProductNames {

    private OfficeProductNames() {
    }

    /** "Outlook 2013"; 16.x is shared by 2016, 2019, 2021, 2024 and Microsoft 365, so it says "or later". */
    public static String outlookFamily(int major) {
        return switch (major) {
            case 11 -> "Outlook 2003";
            case 12 -> "Outlook 2007";
            case 14 -> "Outlook 2010";
            case 15 -> "Outlook 2013";
            case 16 -> "Outlook 2016 or later";
            default -> "Outlook " + major + ".0";
        };
    }

    /** "Outlook 2013 (MSI)"; Office 2016 was the last MSI release, so 16.x MSI is Outlook 2016. */
    public static String msi(int major) {
        String family = major == 16 ? "Outlook 2016" : outlookFamily(major);
        return family + " (MSI)";
    }
}
