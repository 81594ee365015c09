package dev.mapiagent.outlook.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfficeVersionTest {

    @Test
    void parsesClickToRunAndMsiBuilds() {
        assertEquals(new OfficeVersion(16, 0, 17029, 20108), OfficeVersion.parse("16.0.17029.20108"));
        assertEquals(new OfficeVersion(15, 0, 4569, 1507), OfficeVersion.parse("15.0.4569.1507"));
        assertEquals(new OfficeVersion(14, 0, 7015, 1000), OfficeVersion.parse(" 14.0.7015.1000 "));
        assertEquals("16.0.17029.20108", OfficeVersion.parse("16.0.17029.20108").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "16.0", "16.0.17029", "16.0.17029.20108.1", "v16.0.1.2", "16.0.x.1", "-1.0.0.0"})
    void refusesWhatIsNotAFourPartVersion(String text) {
        assertEquals(Optional.empty(), OfficeVersion.tryParse(text));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfficeVersion.parse(text));
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void comparesNumericallyPartByPart() {
        List<OfficeVersion> sorted = Stream.of("16.0.17029.20108", "16.0.9126.2116", "15.0.4569.1507",
                        "16.0.10369.20032", "14.0.7015.1000", "15.0.4569.1506")
                .map(OfficeVersion::parse).sorted().toList();

        assertEquals(List.of("14.0.7015.1000", "15.0.4569.1506", "15.0.4569.1507", "16.0.9126.2116",
                "16.0.10369.20032", "16.0.17029.20108"), sorted.stream().map(OfficeVersion::toString).toList());
        assertTrue(OfficeVersion.parse("15.0.4569.1507").isAtLeast(OfficeVersion.parse("15.0.4569.1507")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"16.0.4266.1001", "16.0.10369.20032", "16.0.17029.20108", "17.0.1.0"})
    void everyOutlook2016OrLaterBuildSupportsMapiHttp(String build) {
        assertTrue(OfficeVersion.parse(build).supportsMapiHttp());
    }

    @ParameterizedTest
    @ValueSource(strings = {"15.0.4569.1506", "15.0.4569.1507", "15.0.4569.1508", "15.0.5589.1000"})
    void outlook2013SupportsMapiHttpFromSp1(String build) {
        assertTrue(OfficeVersion.parse(build).supportsMapiHttp());
    }

    @Test
    void msiOffice2013Sp1Build1506SupportsMapiHttp() {
        assertTrue(OfficeVersion.parse("15.0.4569.1506").supportsMapiHttp());
    }

    @Test
    void outlook2013OneBuildBeforeTheMsiSp1BuildDoesNotSupportMapiHttp() {
        assertFalse(OfficeVersion.parse("15.0.4569.1505").supportsMapiHttp());
    }

    @Test
    void outlook2013RtmDoesNotSupportMapiHttp() {
        MapiHttpSupport support = OfficeVersion.parse("15.0.4420.1017").mapiHttpSupport();

        assertFalse(support.capable());
        assertEquals("Outlook 2013 15.0.4420.1017 is older than SP1 (15.0.4569.1506);"
                + " MAPI over HTTP needs Office 2013 SP1 or later", support.message());
    }

    @Test
    void outlook2010Sp2WithoutTheApril2015UpdatesDoesNotSupportMapiHttp() {
        MapiHttpSupport support = OfficeVersion.parse("14.0.7015.1000").mapiHttpSupport();

        assertFalse(support.capable());
        assertTrue(support.message().contains("needs SP2 + KB2956191/KB2965295"), support.message());
    }

    @Test
    void outlook2010AtTheApril2015BuildSupportsMapiHttpButSaysWhatItNeeds() {
        MapiHttpSupport support = OfficeVersion.parse("14.0.7147.5000").mapiHttpSupport();

        assertTrue(support.capable());
        assertTrue(support.message().contains("needs SP2 + KB2956191/KB2965295"), support.message());
        assertFalse(OfficeVersion.parse("14.0.7145.5000").supportsMapiHttp());
    }

    @Test
    void outlook2007AndOlderNeverSupportMapiHttp() {
        MapiHttpSupport support = OfficeVersion.parse("12.0.6612.1000").mapiHttpSupport();

        assertFalse(support.capable());
        assertEquals("Outlook 2007 12.0.6612.1000 cannot use MAPI over HTTP; Outlook 2013 SP1 or later is needed",
                support.message());
    }

    @Test
    void withoutABuildNumberOnly16xCountsAsCapable() {
        assertTrue(MapiHttpSupport.ofMajorOnly(16).capable());
        MapiHttpSupport outlook2013 = MapiHttpSupport.ofMajorOnly(15);
        assertFalse(outlook2013.capable());
        assertEquals("Outlook 2013: build number not found in the registry; MAPI over HTTP needs SP1 (15.0.4569.1506)",
                outlook2013.message());
    }

    @Test
    void namesOutlookGenerationsByMajorVersion() {
        assertEquals("Outlook 2010", OfficeVersion.parse("14.0.7015.1000").outlookFamily());
        assertEquals("Outlook 2013", OfficeVersion.parse("15.0.4569.1506").outlookFamily());
        assertEquals("Outlook 2016 or later", OfficeVersion.parse("16.0.17029.20108").outlookFamily());
        assertEquals("Outlook 2016 (MSI)", OfficeProductNames.msi(16));
        assertEquals("Outlook 2010 (MSI)", OfficeProductNames.msi(14));
    }
}
