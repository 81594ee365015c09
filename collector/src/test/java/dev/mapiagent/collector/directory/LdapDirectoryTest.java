package dev.mapiagent.collector.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.config.LdapConfig;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.error.RefusedException;
import dev.mapiagent.collector.error.UnavailableException;
import dev.mapiagent.collector.support.TestDirectory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in against a real LDAP server (UnboundID in-memory, LDAPS and StartTLS), laid out like an AD domain. */
class LdapDirectoryTest {

    @TempDir
    static Path dir;
    static TestDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        directory = new TestDirectory(dir);
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static DirectoryUser signIn(LdapConfig config, String login, String password) {
        return new LdapDirectory(config).authenticate(login, password);
    }

    @Test
    void aUserInANestedGroupGetsItsRoleOverLdaps() {
        assertEquals(new DirectoryUser("ldap:CONTOSO\\ann", Role.HELPDESK), signIn(directory.ldaps(), "ann@contoso.com", TestDirectory.PASSWORD));
    }

    @Test
    void theDownLevelLogonNameSignsInAndTheHighestMappedRoleWins() {
        assertEquals(new DirectoryUser("ldap:CONTOSO\\bob", Role.ADMIN), signIn(directory.ldaps(), "CONTOSO\\bob", TestDirectory.PASSWORD));
    }

    @Test
    void aBareNameIsBoundInTheConfiguredDomain() {
        assertEquals("ldap:CONTOSO\\ann", signIn(directory.ldaps(), "ann", TestDirectory.PASSWORD).name());
    }

    @Test
    void startTlsUpgradesAPlainConnectionBeforeTheBind() {
        assertEquals(Role.HELPDESK, signIn(directory.startTls(), "ann@contoso.com", TestDirectory.PASSWORD).role());
    }

    @Test
    void aWrongPasswordIsNotAuthenticated() {
        assertThrows(NotAuthenticatedException.class, () -> signIn(directory.ldaps(), "ann@contoso.com", "wrong-password"));
    }

    @Test
    void anUnknownUserIsNotAuthenticated() {
        assertThrows(NotAuthenticatedException.class, () -> signIn(directory.ldaps(), "nobody@contoso.com", TestDirectory.PASSWORD));
    }

    @Test
    void anEmptyPasswordNeverReachesTheDirectoryAsAnUnauthenticatedBind() {
        assertThrows(NotAuthenticatedException.class, () -> signIn(directory.ldaps(), "ann@contoso.com", ""));
    }

    @Test
    void aDisabledAccountIsNotAuthenticatedEvenWithTheRightPassword() {
        NotAuthenticatedException e = assertThrows(NotAuthenticatedException.class,
                () -> signIn(directory.ldaps(), "carl@contoso.com", TestDirectory.PASSWORD));
        assertTrue(e.getMessage().contains("disabled"), e.getMessage());
    }

    @Test
    void aUserInNoMappedGroupIsRefusedAndAGroupCycleEndsTheWalk() {
        assertThrows(RefusedException.class, () -> signIn(directory.ldaps(), "dora@contoso.com", TestDirectory.PASSWORD));
    }

    @Test
    void aServerThatNeverAnswersFailsTheLoginWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            long start = System.nanoTime();
            assertThrows(UnavailableException.class, () -> signIn(directory.ldaps(URI.create("ldaps://localhost:" + silent.getLocalPort())),
                    "ann@contoso.com", TestDirectory.PASSWORD));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took + " with a timeout of 1 s");
        }
    }

    @Test
    void theNextServerIsTriedWhenTheFirstNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            LdapConfig config = directory.ldaps(URI.create("ldaps://localhost:" + silent.getLocalPort()),
                    URI.create("ldaps://localhost:" + directory.ldapsPort()));
            assertEquals(Role.HELPDESK, signIn(config, "ann@contoso.com", TestDirectory.PASSWORD).role());
        }
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedIsNotUsed() {
        LdapConfig config = directory.ldaps();
        LdapConfig javaTrustOnly = new LdapConfig(config.servers(), false, false, config.baseDn(), config.domain(), null,
                config.groupRoles(), null, null, config.timeout());
        assertThrows(UnavailableException.class, () -> signIn(javaTrustOnly, "ann@contoso.com", TestDirectory.PASSWORD));
    }

    @Test
    void plainLdapWithoutStartTlsIsRefusedUnlessAllowed() {
        LdapConfig config = directory.startTls();
        List<URI> servers = config.servers();
        assertThrows(IllegalArgumentException.class, () -> new LdapDirectory(new LdapConfig(servers, false, false,
                config.baseDn(), config.domain(), null, config.groupRoles(), null, null, config.timeout())));
        LdapConfig allowed = new LdapConfig(servers, false, true, config.baseDn(), config.domain(), null,
                config.groupRoles(), null, null, config.timeout());
        // the StartTLS listener also speaks plain LDAP, as a lab directory would
        assertEquals(Role.HELPDESK, signIn(allowed, "ann@contoso.com", TestDirectory.PASSWORD).role());
    }
}
