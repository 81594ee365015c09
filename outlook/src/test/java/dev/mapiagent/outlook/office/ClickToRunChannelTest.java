package dev.mapiagent.outlook.office;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickToRunChannelTest {

    @ParameterizedTest
    @CsvSource({
            "5440fd1f-7ecb-4221-8110-145efaa6372f, Beta Channel",
            "64256afe-f5d9-4f86-8936-8840a6a4f5be, Current Channel (Preview)",
            "492350f6-3a01-4f97-b9c0-c7c6ddf67d60, Current Channel",
            "55336b82-a18d-4dd6-b5f6-9e5095c314a6, Monthly Enterprise Channel",
            "b8f9b850-328d-4355-9145-c59439a0c4cf, Semi-Annual Enterprise Channel (Preview)",
            "7ffbc6bf-bc32-4f92-8982-f9dd17fd3114, Semi-Annual Enterprise Channel"})
    void mapsMicrosoftChannelUrlsToNames(String guid, String name) {
        assertEquals(name, ClickToRunChannel.fromUrl("http://officecdn.microsoft.com/pr/" + guid)
                .map(ClickToRunChannel::displayName).orElseThrow());
    }

    @Test
    void matchesTheGuidWhateverTheCaseOrScheme() {
        assertEquals(Optional.of(ClickToRunChannel.CURRENT),
                ClickToRunChannel.fromUrl("HTTPS://OFFICECDN.MICROSOFT.COM/PR/492350F6-3A01-4F97-B9C0-C7C6DDF67D60"));
    }

    @Test
    void knowsNothingOfUnknownUrlsOrShares() {
        assertEquals(Optional.empty(), ClickToRunChannel.fromUrl("http://officecdn.microsoft.com/pr/00000000-0000-0000-0000-000000000000"));
        assertEquals(Optional.empty(), ClickToRunChannel.fromUrlOrName("\\\\fileserver\\office\\updates"));
        assertEquals(Optional.empty(), ClickToRunChannel.fromUrl(null));
    }

    @ParameterizedTest
    @CsvSource({
            "MonthlyEnterprise, MONTHLY_ENTERPRISE",
            "Current, CURRENT",
            "Deferred, SEMI_ANNUAL",
            "semiannual, SEMI_ANNUAL",
            "FirstReleaseDeferred, SEMI_ANNUAL_PREVIEW",
            "FirstReleaseCurrent, CURRENT_PREVIEW",
            "InsiderFast, BETA",
            "BetaChannel, BETA",
            "PerpetualVL2021, PERPETUAL_VL_2021"})
    void mapsOdtAndPolicyChannelNames(String name, ClickToRunChannel channel) {
        assertEquals(Optional.of(channel), ClickToRunChannel.fromUrlOrName(name));
    }
}
