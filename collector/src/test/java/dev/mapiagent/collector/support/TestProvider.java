package dev.mapiagent.collector.support;

import dev.mapiagent.collector.config.OidcConfig;
import dev.mapiagent.collector.config.Secret;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID provider for tests (NAV's mock-oauth2-server): discovery, JWKS, authorization endpoint (it signs the
 * user in at once, no page) and token endpoint. What the next ID token says is queued with {@link #nextToken}.
 */
public final class TestProvider implements AutoCloseable {

    public static final String ISSUER_ID = "contoso";
    public static final String CLIENT_ID = "mapi-collector";
    public static final String HELPDESK_ROLE = "Collector.Helpdesk";
    public static final String ADMIN_ROLE = "Collector.Admin";

    private final MockOAuth2Server server = new MockOAuth2Server();

    public TestProvider() {
        server.start(0);
    }

    public MockOAuth2Server server() {
        return server;
    }

    public URI issuer() {
        return server.issuerUrl(ISSUER_ID).uri();
    }

    /** The collector's OpenID settings against this provider, for a collector listening on the port. */
    public OidcConfig config(int collectorPort) {
        return new OidcConfig(issuer(), CLIENT_ID, Secret.ofNullable("client-secret"),
                URI.create("http://127.0.0.1:" + collectorPort + "/api/v1/login/oidc/callback"), "roles",
                Map.of(HELPDESK_ROLE, "helpdesk", ADMIN_ROLE, "admin"));
    }

    /** The next ID token: for the user, with these roles, this audience, valid for the seconds (negative: expired). */
    public void nextToken(String user, List<String> roles, String audience, long validSeconds) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, user, "JWT", List.of(audience),
                Map.of("preferred_username", user, "roles", roles), validSeconds));
    }

    /** An ID token signed by this provider's key, as its token endpoint would issue it. */
    public com.nimbusds.jwt.SignedJWT idToken(String user, String audience, String nonce, long validSeconds) {
        return server.issueToken(ISSUER_ID, user, audience,
                Map.of("preferred_username", user, "roles", List.of(HELPDESK_ROLE), "nonce", nonce), validSeconds);
    }

    public static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
