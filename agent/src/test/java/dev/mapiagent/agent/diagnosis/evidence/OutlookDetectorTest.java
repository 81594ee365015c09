package dev.mapiagent.agent.diagnosis.evidence;

import static dev.mapiagent.agent.host.Hive.HKEY_LOCAL_MACHINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.FileVersions;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.snapshot.regfile.MemoryRegistry;
import dev.mapiagent.protocol.OutlookSection;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutlookDetectorTest {

    private static final String C2R = "SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration";
    private static final String CDN = "http://officecdn.microsoft.com/pr/";
    private static final String CURRENT = CDN + "492350f6-3a01-4f97-b9c0-c7c6ddf67d60";
    private static final String MONTHLY_ENTERPRISE = CDN + "55336b82-a18d-4dd6-b5f6-9e5095c314a6";
    private static final String UNINSTALL = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
    private static final String WOW_UNINSTALL = "SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall";

    private final MemoryRegistry registry = new MemoryRegistry();

    @Test
    void findsMicrosoft365AppsX64OnCurrentChannel() {
        microsoft365CurrentChannel();

        OutlookSection section = OutlookDetector.section(registry);

        assertEquals(new OutlookSection(true, "Microsoft 365 Apps for enterprise", "16.0.17029.20108", "ClickToRun",
                "Current Channel", "x64", true, "HKLM\\" + C2R), section);
    }

    @Test
    void findsOffice2019VolumeOnItsPerpetualChannel() {
        set(C2R, "VersionToReport", "16.0.10369.20032");
        set(C2R, "Platform", "x86");
        set(C2R, "ProductReleaseIds", "ProPlus2019Volume");
        set(C2R, "CDNBaseUrl", CDN + "f2e724c1-748f-4b47-8fb8-8e0d210e9208");

        OutlookInstall install = OutlookDetector.detect(registry).orElseThrow();

        assertEquals("Office Professional Plus 2019", install.productName());
        assertEquals("16.0.10369.20032", install.version());
        assertEquals("Office 2019 Perpetual Enterprise (PerpetualVL2019)", install.channel());
        assertEquals("x86", install.bitness());
        assertTrue(install.mapiHttp().capable());
    }

    @Test
    void policyUpdateBranchOutranksTheChannelClickToRunRecorded() {
        microsoft365CurrentChannel();
        set("SOFTWARE\\Policies\\Microsoft\\office\\16.0\\Common\\officeupdate", "UpdateBranch", "MonthlyEnterprise");

        assertEquals("Monthly Enterprise Channel", OutlookDetector.detect(registry).orElseThrow().channel());
    }

    @Test
    void cloudPolicyOutranksGroupPolicy() {
        microsoft365CurrentChannel();
        set("SOFTWARE\\Policies\\Microsoft\\office\\16.0\\Common\\officeupdate", "UpdateBranch", "Current");
        set("SOFTWARE\\Policies\\Microsoft\\cloud\\office\\16.0\\Common\\officeupdate", "UpdatePath", MONTHLY_ENTERPRISE);

        assertEquals("Monthly Enterprise Channel", OutlookDetector.detect(registry).orElseThrow().channel());
    }

    @Test
    void anUpdatePathToAShareNamesNoChannelSoTheNextSourceDecides() {
        microsoft365CurrentChannel();
        set("SOFTWARE\\Policies\\Microsoft\\office\\16.0\\Common\\officeupdate", "UpdatePath", "\\\\fs01\\office\\updates");

        assertEquals("Current Channel", OutlookDetector.detect(registry).orElseThrow().channel());
    }

    @Test
    void fallsBackToCdnBaseUrlWhenUpdateChannelIsMissing() {
        set(C2R, "VersionToReport", "16.0.17029.20108");
        set(C2R, "ProductReleaseIds", "O365BusinessRetail");
        set(C2R, "CDNBaseUrl", MONTHLY_ENTERPRISE);

        OutlookInstall install = OutlookDetector.detect(registry).orElseThrow();

        assertEquals("Monthly Enterprise Channel", install.channel());
        assertEquals("Microsoft 365 Apps for business", install.productName());
    }

    @Test
    void clickToRunWithOutlookExcludedIsNoOutlook() {
        microsoft365CurrentChannel();
        set(C2R, "O365ProPlusRetail.ExcludedApps", "groove,lync,outlook");

        assertEquals(OutlookSection.notFound(), OutlookDetector.section(registry));
    }

    @Test
    void clickToRunVisioAloneFallsThroughToAnMsiOutlook() {
        set(C2R, "VersionToReport", "16.0.17029.20108");
        set(C2R, "ProductReleaseIds", "VisioProRetail");
        msiOutlook2013X64("15.0.4569.1507");

        OutlookInstall install = OutlookDetector.detect(registry).orElseThrow();

        assertEquals("MSI", install.installType());
        assertEquals("Outlook 2013 (MSI)", install.productName());
    }

    @Test
    void clickToRunWinsOverMsiKeysLeftBehind() {
        msiOutlook2013X64("15.0.4569.1507");
        microsoft365CurrentChannel();

        assertEquals("ClickToRun", OutlookDetector.detect(registry).orElseThrow().installType());
    }

    @Test
    void findsMsiOutlook2013Sp1X64AtTheMsiSp1Build() {
        msiOutlook2013X64("15.0.4569.1506");

        OutlookSection section = OutlookDetector.section(registry);

        assertEquals(new OutlookSection(true, "Outlook 2013 (MSI)", "15.0.4569.1506", "MSI", null, "x64", true,
                "HKLM\\SOFTWARE\\Microsoft\\Office\\15.0\\Outlook\\InstallRoot; HKLM\\" + UNINSTALL
                        + "\\{90150000-0011-0000-1000-0000000FF1CE} DisplayVersion 15.0.4569.1506"), section);
    }

    @Test
    void msiOutlook2013RtmIsTooOldForMapiHttp() {
        msiOutlook2013X64("15.0.4420.1017");

        OutlookInstall install = OutlookDetector.detect(registry).orElseThrow();

        assertEquals("15.0.4420.1017", install.version());
        assertFalse(install.toSection().mapiHttpCapable());
        assertTrue(install.mapiHttp().message().contains("older than SP1"), install.mapiHttp().message());
    }

    @Test
    void findsMsiOutlook2010X86UnderWow6432NodeOn64BitWindows() {
        set("SOFTWARE\\Wow6432Node\\Microsoft\\Office\\14.0\\Outlook\\InstallRoot", "Path",
                "C:\\Program Files (x86)\\Microsoft Office\\Office14\\");
        set("SOFTWARE\\Wow6432Node\\Microsoft\\Office\\14.0\\Outlook", "Bitness", "x86");
        set(WOW_UNINSTALL + "\\{90140000-0011-0000-0000-0000000FF1CE}", "DisplayVersion", "14.0.7015.1000");
        set(WOW_UNINSTALL + "\\{90140000-0011-0000-0000-0000000FF1CE}", "DisplayName",
                "Microsoft Office Professional Plus 2010");

        OutlookInstall install = OutlookDetector.detect(registry).orElseThrow();

        assertEquals("Outlook 2010 (MSI)", install.productName());
        assertEquals("14.0.7015.1000", install.version());
        assertEquals("x86", install.bitness());
        assertFalse(install.mapiHttp().capable());
        assertTrue(install.mapiHttp().message().contains("needs SP2 + KB2956191/KB2965295"), install.mapiHttp().message());
        assertEquals("HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Office\\14.0\\Outlook\\InstallRoot; HKLM\\" + WOW_UNINSTALL
                + "\\{90140000-0011-0000-0000-0000000FF1CE} DisplayVersion 14.0.7015.1000", install.source());
    }

    @Test
    void aPatchedMsiOutlook2010IsJudgedByTheFileVersionOfOutlookExeNotTheRegistry() {
        msiOutlook2010X86Sp2();
        FileVersions files = path -> path.equals("C:\\Program Files (x86)\\Microsoft Office\\Office14\\OUTLOOK.EXE")
                ? Optional.of("14.0.7268.5000") : Optional.empty();

        OutlookInstall install = OutlookDetector.detect(registry, files).orElseThrow();

        assertEquals("14.0.7268.5000", install.version());
        assertTrue(install.mapiHttp().capable(), install.mapiHttp().message());
        assertTrue(install.source().endsWith("; C:\\Program Files (x86)\\Microsoft Office\\Office14\\OUTLOOK.EXE"
                + " file version 14.0.7268.5000"), install.source());
    }

    @Test
    void aFileVersionOfAnotherMajorVersionIsNotTaken() {
        msiOutlook2010X86Sp2();

        OutlookInstall install = OutlookDetector.detect(registry, path -> Optional.of("16.0.4266.1001")).orElseThrow();

        assertEquals("14.0.7015.1000", install.version());
    }

    @Test
    void outlookExeIsInTheInstallRootFolderWithOrWithoutATrailingBackslash() {
        assertEquals("C:\\Office14\\OUTLOOK.EXE", MsiDetector.outlookExe("C:\\Office14\\"));
        assertEquals("C:\\Office14\\OUTLOOK.EXE", MsiDetector.outlookExe("C:\\Office14"));
    }

    private void msiOutlook2010X86Sp2() {
        set("SOFTWARE\\Wow6432Node\\Microsoft\\Office\\14.0\\Outlook\\InstallRoot", "Path",
                "C:\\Program Files (x86)\\Microsoft Office\\Office14\\");
        set(WOW_UNINSTALL + "\\{90140000-0011-0000-0000-0000000FF1CE}", "DisplayVersion", "14.0.7015.1000");
    }

    @Test
    void takesBitnessFromTheProductCodeWhenOutlookDoesNotSayIt() {
        set("SOFTWARE\\Microsoft\\Office\\16.0\\Outlook\\InstallRoot", "Path", "C:\\Program Files\\Microsoft Office\\Office16\\");
        set(UNINSTALL + "\\{90160000-001A-0000-1000-0000000FF1CE}", "DisplayVersion", "16.0.4266.1001");

        OutlookInstall install = OutlookDetector.detect(registry).orElseThrow();

        assertEquals("Outlook 2016 (MSI)", install.productName());
        assertEquals("x64", install.bitness());
        assertTrue(install.mapiHttp().capable());
    }

    @Test
    void prefersTheNewestMsiOutlookWhenSeveralAreRegistered() {
        set("SOFTWARE\\Wow6432Node\\Microsoft\\Office\\14.0\\Outlook\\InstallRoot", "Path", "C:\\Office14\\");
        msiOutlook2013X64("15.0.5589.1000");

        assertEquals("15.0.5589.1000", OutlookDetector.detect(registry).orElseThrow().version());
    }

    @Test
    void anMsiOutlookWithoutUninstallEntryReportsOnlyItsMajorVersion() {
        set("SOFTWARE\\Microsoft\\Office\\15.0\\Outlook\\InstallRoot", "Path", "C:\\Office15\\");

        OutlookInstall install = OutlookDetector.detect(registry).orElseThrow();

        assertEquals("15.0", install.version());
        assertFalse(install.mapiHttp().capable());
        assertTrue(install.mapiHttp().message().contains("build number not found"), install.mapiHttp().message());
    }

    @Test
    void officeKeysWithoutOutlookInstallRootAreNoOutlook() {
        set("SOFTWARE\\Microsoft\\Office\\16.0\\Excel\\InstallRoot", "Path", "C:\\Office16\\");
        set("SOFTWARE\\Microsoft\\Office\\15.0\\Outlook", "Bitness", "x64");

        assertEquals(Optional.empty(), OutlookDetector.detect(registry));
    }

    @Test
    void findsNothingOnAMachineWithoutOffice() {
        set("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "ProductName", "Windows 10 Pro");

        assertEquals(OutlookSection.notFound(), OutlookDetector.section(registry));
    }

    private void microsoft365CurrentChannel() {
        set(C2R, "VersionToReport", "16.0.17029.20108");
        set(C2R, "ClientVersionToReport", "16.0.17029.20108");
        set(C2R, "Platform", "x64");
        set(C2R, "ProductReleaseIds", "O365ProPlusRetail");
        set(C2R, "CDNBaseUrl", CURRENT);
        set(C2R, "UpdateChannel", CURRENT);
        set(C2R, "InstallationPath", "C:\\Program Files\\Microsoft Office");
    }

    private void msiOutlook2013X64(String displayVersion) {
        set("SOFTWARE\\Microsoft\\Office\\15.0\\Outlook\\InstallRoot", "Path", "C:\\Program Files\\Microsoft Office\\Office15\\");
        set("SOFTWARE\\Microsoft\\Office\\15.0\\Outlook", "Bitness", "x64");
        set(UNINSTALL + "\\{90150000-0011-0000-1000-0000000FF1CE}", "DisplayVersion", displayVersion);
        set(UNINSTALL + "\\{90150000-0011-0000-1000-0000000FF1CE}", "DisplayName", "Microsoft Office Professional Plus 2013");
    }

    private void set(String key, String name, String value) {
        registry.put(HKEY_LOCAL_MACHINE, key, RegistryValue.string(name, value));
    }
}
