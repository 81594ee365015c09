package dev.mapiagent.collector.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.support.TestProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ID token checks, against ID tokens a real provider signed (its keys come from its discovery document). */
class OidcProviderTest {

    static final String NONCE = "nonce-of-this-sign-in";
    static TestProvider provider;
    static OidcProvider oidc;

    @BeforeAll
    static void start() {
        provider = new TestProvider();
        oidc = new OidcProvider(provider.config(8080));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private static JWT parse(String token) throws java.text.ParseException {
        return SignedJWT.parse(token);
    }

    @Test
    void aGoodIdTokenNamesTheUserAndTheirRole() {
        assertEquals(new DirectoryUser("oidc:ann@contoso.com", Role.HELPDESK),
                oidc.user(provider.idToken("ann@contoso.com", TestProvider.CLIENT_ID, NONCE, 600), NONCE));
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        NotAuthenticatedException e = assertThrows(NotAuthenticatedException.class,
                () -> oidc.user(provider.idToken("ann@contoso.com", "some-other-app", NONCE, 600), NONCE));
        assertTrue(e.getMessage().contains("audience"), e.getMessage());
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        NotAuthenticatedException e = assertThrows(NotAuthenticatedException.class,
                () -> oidc.user(provider.idToken("ann@contoso.com", TestProvider.CLIENT_ID, NONCE, -3600), NONCE));
        assertTrue(e.getMessage().contains("xpired"), e.getMessage());
    }

    @Test
    void anIdTokenFromAnotherSignInIsRefusedByItsNonce() {
        assertThrows(NotAuthenticatedException.class,
                () -> oidc.user(provider.idToken("ann@contoso.com", TestProvider.CLIENT_ID, "another-nonce", 600), NONCE));
    }

    @Test
    void anIdTokenWithATamperedSignatureIsRefused() throws Exception {
        String[] parts = provider.idToken("ann@contoso.com", TestProvider.CLIENT_ID, NONCE, 600).serialize().split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        JWT tampered = parse(parts[0] + "." + parts[1] + "." + new String(signature));
        assertThrows(NotAuthenticatedException.class, () -> oidc.user(tampered, NONCE));
    }

    @Test
    void anIdTokenWithTamperedClaimsIsRefused() throws Exception {
        String[] parts = provider.idToken("ann@contoso.com", TestProvider.CLIENT_ID, NONCE, 600).serialize().split("\\.");
        String otherClaims = provider.idToken("mallory@contoso.com", TestProvider.CLIENT_ID, NONCE, 600).serialize().split("\\.")[1];
        JWT tampered = parse(parts[0] + "." + otherClaims + "." + parts[2]);
        assertThrows(NotAuthenticatedException.class, () -> oidc.user(tampered, NONCE));
    }
}
