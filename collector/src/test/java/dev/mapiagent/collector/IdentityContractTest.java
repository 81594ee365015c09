package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.config.CollectorConfig;
import dev.mapiagent.collector.config.IdentityConfig;
import dev.mapiagent.collector.service.UserService;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Http.Response;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Identity and access (docs/security.md): device binding, enrollment limits, the login throttle and clock skew, run
 * the same way against each database (see the two subclasses).
 */
abstract class IdentityContractTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    MutableClock clock;
    TestCollector collector;
    Http http;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        clock = new MutableClock(T0);
        collector = new TestCollector(database().freshUrl(), clock);
        http = collector.http();
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    // --- device binding -----------------------------------------------------------------------------------

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKey(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    private static String sign(KeyPair key, String deviceId, String challenge) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key.getPrivate());
            signer.update(("mapi-enroll-v1\n" + deviceId + "\n" + challenge).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response enroll(String deviceId, String secret, String publicKey, String challenge, String proof) {
        Map<String, Object> body = new HashMap<>(Map.of("enrollSecret", secret, "deviceId", deviceId,
                "hostname", "PC-" + deviceId, "user", "ann"));
        Optional.ofNullable(publicKey).ifPresent(k -> body.put("publicKey", k));
        Optional.ofNullable(challenge).ifPresent(c -> body.put("challenge", c));
        Optional.ofNullable(proof).ifPresent(p -> body.put("proof", p));
        return http.postJson("/api/v1/enroll", null, body);
    }

    private String enrollWithKey(String deviceId, KeyPair key) {
        Response r = enroll(deviceId, TestCollector.ENROLL_SECRET, publicKey(key), null, null);
        assertEquals(201, r.status(), r.body());
        return Http.bearer(r.json().path("agentToken").asText());
    }

    private String challenge(String deviceId) {
        Response r = http.postJson("/api/v1/enroll/challenge", null,
                Map.of("enrollSecret", TestCollector.ENROLL_SECRET, "deviceId", deviceId));
        assertEquals(200, r.status(), r.body());
        return r.json().path("challenge").asText();
    }

    private List<String> auditActions(String deviceId) {
        JsonNode entries = http.get("/api/v1/audit?deviceId=" + deviceId, TestCollector.admin()).json().path("entries");
        return StreamSupport.stream(entries.spliterator(), false).map(e -> e.path("action").asText()).toList();
    }

    private void assertWorks(String agent) {
        assertEquals(200, http.get("/api/v1/commands", agent).status());
    }

    @Test
    void reenrollingABoundDeviceWithoutProofIs403AuditedAndItsTokenStaysValid() {
        String agent = enrollWithKey("dev-1", newKey());
        Response r = enroll("dev-1", TestCollector.ENROLL_SECRET, publicKey(newKey()), null, null);
        assertEquals(403, r.status(), r.body());
        assertEquals("device is bound to a key", r.json().path("error").asText());
        assertWorks(agent);
        assertTrue(auditActions("dev-1").contains("device-reenroll-refused"), auditActions("dev-1").toString());
    }

    @Test
    void aBoundDeviceReenrollsWithItsSignatureOverAChallenge() {
        KeyPair key = newKey();
        String old = enrollWithKey("dev-1", key);
        String challenge = challenge("dev-1");
        Response r = enroll("dev-1", TestCollector.ENROLL_SECRET, publicKey(key), challenge, sign(key, "dev-1", challenge));
        assertEquals(201, r.status(), r.body());
        assertWorks(Http.bearer(r.json().path("agentToken").asText()));
        assertEquals(401, http.get("/api/v1/commands", old).status());
    }

    @Test
    void aProofByAnotherKeyIsRefused() {
        String agent = enrollWithKey("dev-1", newKey());
        KeyPair attacker = newKey();
        String challenge = challenge("dev-1");
        Response r = enroll("dev-1", TestCollector.ENROLL_SECRET, publicKey(attacker), challenge,
                sign(attacker, "dev-1", challenge));
        assertEquals(403, r.status(), r.body());
        assertWorks(agent);
    }

    @Test
    void aChallengeProvesOnceAndOnlyForItsDevice() {
        KeyPair key = newKey();
        enrollWithKey("dev-1", key);
        enrollWithKey("dev-2", key);
        String challenge = challenge("dev-1");
        assertEquals(403, enroll("dev-2", TestCollector.ENROLL_SECRET, null, challenge, sign(key, "dev-2", challenge)).status());
        String proof = sign(key, "dev-1", challenge);
        assertEquals(201, enroll("dev-1", TestCollector.ENROLL_SECRET, null, challenge, proof).status());
        assertEquals(403, enroll("dev-1", TestCollector.ENROLL_SECRET, null, challenge, proof).status());
    }

    @Test
    void aChallengeExpires() {
        KeyPair key = newKey();
        enrollWithKey("dev-1", key);
        String challenge = challenge("dev-1");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(403, enroll("dev-1", TestCollector.ENROLL_SECRET, null, challenge, sign(key, "dev-1", challenge)).status());
    }

    @Test
    void aChallengeNeedsTheEnrollmentSecret() {
        Response r = http.postJson("/api/v1/enroll/challenge", null, Map.of("enrollSecret", "guess-guess-guess", "deviceId", "dev-1"));
        assertEquals(401, r.status(), r.body());
    }

    @Test
    void anAdminResetLetsAReimagedDeviceBindANewKeyAndVoidsTheOldToken() {
        String old = enrollWithKey("dev-1", newKey());
        String helpdesk = collector.user("hank", "helpdesk");
        assertEquals(403, http.postJson("/api/v1/devices/dev-1/reset-enrollment", helpdesk, Map.of()).status());
        Response reset = http.postJson("/api/v1/devices/dev-1/reset-enrollment", TestCollector.admin(), Map.of());
        assertEquals(200, reset.status(), reset.body());
        assertEquals(401, http.get("/api/v1/commands", old).status());
        assertWorks(enrollWithKey("dev-1", newKey()));
        assertTrue(auditActions("dev-1").contains("device-enrollment-reset"), auditActions("dev-1").toString());
    }

    @Test
    void resettingAnUnknownDeviceIs404() {
        assertEquals(404, http.postJson("/api/v1/devices/nope/reset-enrollment", TestCollector.admin(), Map.of()).status());
    }

    @Test
    void aDeviceWithoutAKeyIsReenrolledByTheSecretAloneAndBindsTheKeyItBrings() {
        collector.enroll("dev-1", "PC-1");
        KeyPair key = newKey();
        String bound = enrollWithKey("dev-1", key);
        assertWorks(bound);
        assertEquals(403, enroll("dev-1", TestCollector.ENROLL_SECRET, null, null, null).status());
    }

    @Test
    void aMalformedPublicKeyIs400() {
        Response r = enroll("dev-1", TestCollector.ENROLL_SECRET, Base64.getEncoder().encodeToString(new byte[91]), null, null);
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid publicKey", r.json().path("error").asText());
    }

    @Test
    void enrollmentIsRateLimitedPerClientAddressWithRetryAfter() {
        CollectorConfig config = collector.config().withIdentity(IdentityConfig.defaults().withEnrollPerMinute(3));
        try (TestCollector limited = new TestCollector(config.withEnrollSecret(TestCollector.ENROLL_SECRET), clock)) {
            for (int i = 0; i < 3; i++) {
                limited.enroll("dev-" + i, "PC-" + i);
            }
            Response r = limited.http().postJson("/api/v1/enroll", null,
                    Map.of("enrollSecret", TestCollector.ENROLL_SECRET, "deviceId", "dev-9"));
            assertEquals(429, r.status(), r.body());
            assertEquals("20", r.header("Retry-After"));
            clock.advance(Duration.ofSeconds(20));
            limited.enroll("dev-9", "PC-9");
        }
    }

    @Test
    void thePreviousSecretStillEnrollsDuringARotation() {
        CollectorConfig config = collector.config().withIdentity(
                IdentityConfig.defaults().withPreviousEnrollSecret("the-old-enroll-secret"));
        try (TestCollector rotating = new TestCollector(config, clock)) {
            Response old = rotating.http().postJson("/api/v1/enroll", null,
                    Map.of("enrollSecret", "the-old-enroll-secret", "deviceId", "dev-1"));
            assertEquals(201, old.status(), old.body());
            rotating.enroll("dev-2", "PC-2");
            assertEquals(401, rotating.http().postJson("/api/v1/enroll", null,
                    Map.of("enrollSecret", "another-enroll-secret", "deviceId", "dev-3")).status());
        }
    }

    // --- login throttle -----------------------------------------------------------------------------------

    @Test
    void fiftyParallelWrongPasswordsGetFiveCheckedAndOneAuditEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String password = "wrong-password-" + i;
                guesses.add(CompletableFuture.supplyAsync(
                        () -> http.get("/api/v1/devices", Http.basic("admin", password)).status(), pool));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> g : guesses) {
                statuses.add(g.get());
            }
            assertEquals(5, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
            assertEquals(45, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofSeconds(1));
        JsonNode entries = http.get("/api/v1/audit", TestCollector.admin()).json().path("entries");
        long throttled = StreamSupport.stream(entries.spliterator(), false)
                .filter(e -> e.path("action").asText().equals("login-throttled")).count();
        assertEquals(1, throttled, entries.toString());
    }

    @Test
    void parallelLoginsWithTheRightPasswordAllGoThrough() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<CompletableFuture<Integer>> logins = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                logins.add(CompletableFuture.supplyAsync(() -> http.get("/api/v1/devices", TestCollector.admin()).status(), pool));
            }
            for (CompletableFuture<Integer> login : logins) {
                assertEquals(200, login.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownUserIsAnsweredExactlyLikeAWrongPassword() {
        for (int i = 0; i < 7; i++) {
            Response known = http.get("/api/v1/devices", Http.basic("admin", "wrong-password"));
            Response unknown = http.get("/api/v1/devices", Http.basic("nobody", "wrong-password"));
            assertEquals(known.status(), unknown.status(), "attempt " + i);
            assertEquals(known.body(), unknown.body(), "attempt " + i);
            assertEquals(known.header("Retry-After"), unknown.header("Retry-After"), "attempt " + i);
        }
    }

    @Test
    void eachFailureAfterTheFreeAttemptsDoublesTheWait() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, http.get("/api/v1/devices", Http.basic("admin", "wrong-password")).status());
        }
        for (int wait : new int[] {1, 2, 4, 8}) {
            Response refused = http.get("/api/v1/devices", TestCollector.admin());
            assertEquals(429, refused.status(), refused.body());
            assertEquals(Integer.toString(wait), refused.header("Retry-After"));
            clock.advance(Duration.ofSeconds(wait));
            assertEquals(401, http.get("/api/v1/devices", Http.basic("admin", "wrong-password")).status());
        }
        clock.advance(Duration.ofSeconds(16));
        assertEquals(200, http.get("/api/v1/devices", TestCollector.admin()).status());
    }

    @Test
    void failuresFromOneAddressDoNotDelayTheUserElsewhere() {
        UserService users = new UserService(collector.database().jdbi(), clock);
        for (int i = 0; i < 10; i++) {
            try {
                users.authenticate("admin", "wrong-password", "192.0.2.66");
            } catch (dev.mapiagent.collector.error.BusyException expected) {
                // the guesser is slowed down
            }
        }
        assertEquals(Optional.of(dev.mapiagent.collector.auth.Role.ADMIN),
                users.authenticate("admin", TestCollector.ADMIN_PASSWORD, "198.51.100.7"));
    }

    @Test
    void aSuccessfulLoginClearsItsUserAndAddressCount() {
        for (int i = 0; i < 4; i++) {
            http.get("/api/v1/devices", Http.basic("admin", "wrong-password"));
        }
        assertEquals(200, http.get("/api/v1/devices", TestCollector.admin()).status());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, http.get("/api/v1/devices", Http.basic("admin", "wrong-password")).status());
        }
    }

    // --- clock skew ---------------------------------------------------------------------------------------

    private static String json(Object value) {
        try {
            return ProtocolJson.mapper().writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Response report(String agent, Object report, Instant deviceClock) {
        List<String> headers = new ArrayList<>(List.of("Authorization", agent, "Content-Type", "application/json"));
        if (deviceClock != null) {
            headers.addAll(List.of("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(deviceClock.atOffset(ZoneOffset.UTC))));
        }
        return http.send("POST", "/api/v1/reports", json(report), headers.toArray(String[]::new));
    }

    @Test
    void aReportDatedInTheYear9999DoesNotPinTheDevicesState() {
        String agent = collector.enroll("dev-1", "PC-1");
        assertEquals(201, report(agent, Reports.failing("dev-1", "PC-1", Instant.parse("9999-01-01T00:00:00Z"), "mail.contoso.com"), null).status());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(201, report(agent, Reports.healthy("dev-1", "PC-1", clock.instant(), "mail.contoso.com"), null).status());
        assertEquals("HEALTHY", http.get("/api/v1/devices/dev-1", TestCollector.admin()).json().path("verdict").asText());
    }

    @Test
    void aReportDatedInTheFutureIsOrderedAtItsReceiveTimeNotBeforeTheNextOne() {
        String agent = collector.enroll("dev-1", "PC-1");
        report(agent, Reports.failing("dev-1", "PC-1", T0.plus(Duration.ofHours(2)), "mail.contoso.com"), null);
        clock.advance(Duration.ofSeconds(1));
        report(agent, Reports.degraded("dev-1", "PC-1", T0.plusSeconds(1), "mail.contoso.com"), null);
        assertEquals("DEGRADED", http.get("/api/v1/devices/dev-1", TestCollector.admin()).json().path("verdict").asText());
    }

    @Test
    void aDeviceClockOffByMoreThanTheAllowedSkewIsFlaggedInItsDetail() {
        String agent = collector.enroll("dev-1", "PC-1");
        report(agent, Reports.healthy("dev-1", "PC-1", T0, "mail.contoso.com"), T0.minus(Duration.ofHours(1)));
        assertEquals(-3600, http.get("/api/v1/devices/dev-1", TestCollector.admin()).json().path("clockSkewSeconds").asLong());
    }

    @Test
    void aDeviceClockWithinTheAllowedSkewIsNotFlagged() {
        String agent = collector.enroll("dev-1", "PC-1");
        report(agent, Reports.healthy("dev-1", "PC-1", T0, "mail.contoso.com"), T0.plus(Duration.ofMinutes(9)));
        assertTrue(http.get("/api/v1/devices/dev-1", TestCollector.admin()).json().path("clockSkewSeconds").isNull());
    }

    @Test
    void aReportCreatedInTheCollectorsFutureFlagsTheDeviceWithoutADateHeader() {
        String agent = collector.enroll("dev-1", "PC-1");
        report(agent, Reports.healthy("dev-1", "PC-1", T0.plus(Duration.ofDays(1)), "mail.contoso.com"), null);
        assertEquals(86400, http.get("/api/v1/devices/dev-1", TestCollector.admin()).json().path("clockSkewSeconds").asLong());
    }

    @Test
    void aSpooledReportFromThePastDoesNotFlagTheDevice() {
        String agent = collector.enroll("dev-1", "PC-1");
        report(agent, Reports.healthy("dev-1", "PC-1", T0.minus(Duration.ofDays(1)), "mail.contoso.com"), null);
        JsonNode detail = http.get("/api/v1/devices/dev-1", TestCollector.admin()).json();
        assertTrue(detail.has("clockSkewSeconds"), detail.toString());
        assertTrue(detail.path("clockSkewSeconds").isNull());
        assertFalse(detail.path("latest").isMissingNode());
    }
}
