package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.DirectoryConfig;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.collector.support.TestDirectory;
import dev.mapiagent.collector.support.TestProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in with the company directory over HTTP, against a real LDAP server and a real OpenID provider: the page
 * session that follows, the audit log naming the directory user, and the OpenID flow's refusals.
 */
class DirectorySignInTest {

    @TempDir
    static Path dir;
    static TestDirectory directory;
    static TestProvider provider;
    static TestCollector collector;

    @BeforeAll
    static void start() throws Exception {
        directory = new TestDirectory(dir);
        provider = new TestProvider();
        int port = TestProvider.freePort();
        collector = new TestCollector(CollectorConfig.defaults(TestDatabase.H2.freshUrl())
                .withEnrollSecret(TestCollector.ENROLL_SECRET).withAdminPassword(TestCollector.ADMIN_PASSWORD),
                new DirectoryConfig(directory.ldaps(), provider.config(port)), Clock.systemUTC(), port);
    }

    @AfterAll
    static void stop() {
        collector.close();
        provider.close();
        directory.close();
    }

    private static Http http() {
        return collector.http();
    }

    private static String sessionCookie(Http.Response r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("mapi_session=") && !c.startsWith("mapi_session=;"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
    }

    @Test
    void theLoginPageLearnsWhichSignInsAreOn() {
        JsonNode methods = http().get("/api/v1/login/methods", null).json();
        assertTrue(methods.path("ldap").asBoolean() && methods.path("oidc").asBoolean() && methods.path("local").asBoolean());
    }

    @Test
    void anLdapLoginOpensAPageSessionAndTheAuditLogNamesTheDirectoryUser() {
        Http.Response login = http().postJson("/api/v1/login/ldap", null, Map.of("username", "CONTOSO\\bob", "password", TestDirectory.PASSWORD));
        assertEquals(200, login.status(), login.body());
        assertEquals("ldap:CONTOSO\\bob", login.json().path("username").asText());
        assertEquals("admin", login.json().path("role").asText());
        String cookie = sessionCookie(login);
        assertNotNull(cookie);
        Http.Response session = http().send("GET", "/api/v1/session", null, "Cookie", cookie);
        assertEquals("ldap:CONTOSO\\bob", session.json().path("username").asText());

        Http.Response created = http().send("POST", "/api/v1/users", "{\"username\":\"eve\",\"password\":\"a-long-password-1\",\"role\":\"viewer\"}",
                "Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", login.json().path("csrfToken").asText());
        assertEquals(201, created.status(), created.body());
        String audit = http().get("/api/v1/audit", TestCollector.admin()).body();
        assertTrue(audit.contains("\"actor\":\"ldap:CONTOSO\\\\bob\""), audit);
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedForADirectorySessionToo() {
        Http.Response login = http().postJson("/api/v1/login/ldap", null, Map.of("username", "bob@contoso.com", "password", TestDirectory.PASSWORD));
        Http.Response created = http().send("POST", "/api/v1/users", "{\"username\":\"mallory\",\"password\":\"a-long-password-1\",\"role\":\"admin\"}",
                "Cookie", sessionCookie(login), "Content-Type", "application/json");
        assertEquals(403, created.status(), created.body());
    }

    @Test
    void anLdapLoginWithAWrongPasswordIs401AndInNoMappedGroupIs403() {
        assertEquals(401, http().postJson("/api/v1/login/ldap", null, Map.of("username", "ann@contoso.com", "password", "nope")).status());
        assertEquals(403, http().postJson("/api/v1/login/ldap", null, Map.of("username", "dora@contoso.com", "password", TestDirectory.PASSWORD)).status());
    }

    /** The browser's round trip: collector → provider → collector callback, with the state cookie. */
    private record Callback(String query, String stateCookie) {
    }

    private static Callback throughProvider() {
        Http.Response begin = http().get("/api/v1/login/oidc", null);
        assertEquals(302, begin.status(), begin.body());
        String stateCookie = begin.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("mapi_oidc_state="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        Http.Response authorize = new Http("").get(begin.header("Location"), null);
        assertEquals(302, authorize.status(), authorize.body());
        URI back = URI.create(authorize.header("Location"));
        assertEquals("/api/v1/login/oidc/callback", back.getPath());
        return new Callback(back.getRawQuery(), stateCookie);
    }

    private static Http.Response callback(Callback c) {
        return http().send("GET", "/api/v1/login/oidc/callback?" + c.query(), null, "Cookie", c.stateCookie());
    }

    @Test
    void anOpenIdLoginOpensAPageSessionWithTheRoleFromTheRolesClaim() {
        provider.nextToken("ann@contoso.com", List.of(TestProvider.HELPDESK_ROLE), TestProvider.CLIENT_ID, 3600);
        Http.Response done = callback(throughProvider());
        assertEquals(303, done.status(), done.body());
        assertEquals("/", done.header("Location"));
        Http.Response session = http().send("GET", "/api/v1/session", null, "Cookie", sessionCookie(done));
        assertEquals("oidc:ann@contoso.com", session.json().path("username").asText());
        assertEquals("helpdesk", session.json().path("role").asText());
        assertTrue(http().get("/api/v1/audit", TestCollector.admin()).body().contains("\"actor\":\"oidc:ann@contoso.com\""));
    }

    @Test
    void aReplayedStateIsRefused() {
        provider.nextToken("ann@contoso.com", List.of(TestProvider.HELPDESK_ROLE), TestProvider.CLIENT_ID, 3600);
        Callback c = throughProvider();
        assertEquals(303, callback(c).status());
        Http.Response replay = callback(c);
        assertEquals(401, replay.status(), replay.body());
        assertTrue(replay.body().contains("used"), replay.body());
    }

    @Test
    void aCallbackWithoutTheBrowsersStateCookieIsRefused() {
        provider.nextToken("ann@contoso.com", List.of(TestProvider.HELPDESK_ROLE), TestProvider.CLIENT_ID, 3600);
        Callback c = throughProvider();
        assertEquals(401, http().get("/api/v1/login/oidc/callback?" + c.query(), null).status());
    }

    @Test
    void anOpenIdUserWithNoMappedRoleIsRefused() {
        provider.nextToken("dora@contoso.com", List.of("Sales"), TestProvider.CLIENT_ID, 3600);
        assertEquals(403, callback(throughProvider()).status());
    }
}
