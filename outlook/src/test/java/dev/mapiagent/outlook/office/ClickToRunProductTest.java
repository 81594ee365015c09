package dev.mapiagent.outlook.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClickToRunProductTest {

    @ParameterizedTest
    @CsvSource({
            "O365ProPlusRetail, Microsoft 365 Apps for enterprise",
            "O365BusinessRetail, Microsoft 365 Apps for business",
            "O365HomePremRetail, Microsoft 365 Personal/Family",
            "ProPlus2019Volume, Office Professional Plus 2019",
            "Standard2019Volume, Office Standard 2019",
            "ProPlus2021Volume, Office LTSC Professional Plus 2021",
            "ProPlus2024Volume, Office LTSC Professional Plus 2024",
            "HomeBusiness2021Retail, Office Home & Business 2021",
            "Outlook2019Volume, Outlook 2019",
            "Outlook2024Volume, Outlook LTSC 2024",
            "ProPlusRetail, Office Professional Plus 2016"})
    void namesProductsFromTheirReleaseIds(String releaseId, String name) {
        assertEquals(name, ClickToRunProduct.parse(releaseId).orElseThrow().displayName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"O365ProPlusRetail", "O365BusinessRetail", "ProPlus2019Volume", "Standard2021Volume",
            "HomeBusiness2024Retail", "Professional2019Retail", "Outlook2021Retail"})
    void recognisesProductsThatContainOutlook(String releaseId) {
        assertTrue(ClickToRunProduct.parse(releaseId).orElseThrow().includesOutlook());
    }

    @ParameterizedTest
    @ValueSource(strings = {"VisioProRetail", "ProjectProRetail", "HomeStudent2019Retail", "Word2021Retail",
            "ProjectStd2019Volume", "AccessRuntimeRetail"})
    void recognisesProductsWithoutOutlook(String releaseId) {
        assertFalse(ClickToRunProduct.parse(releaseId).orElseThrow().includesOutlook());
    }

    @Test
    void splitsAProductReleaseIdsListSkippingWhatItCannotRead() {
        assertEquals(List.of("O365ProPlusRetail", "VisioProRetail"),
                ClickToRunProduct.parseList(" O365ProPlusRetail, VisioProRetail,,LanguagePack")
                        .stream().map(ClickToRunProduct::releaseId).toList());
    }
}
