package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.db.BulkHealDao;
import dev.mapiagent.collector.db.DeviceFilter;
import dev.mapiagent.collector.db.LeaseDao;
import dev.mapiagent.collector.db.ReportDao;
import dev.mapiagent.collector.service.RetentionService;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.CommandResult;
import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention on each database (see the two subclasses): what goes, what always stays, and how it is deleted. */
abstract class RetentionContractTest {

    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    static final String ENDPOINT = "mail.contoso.com";
    static final RetentionService.Policy POLICY =
            new RetentionService.Policy(Duration.ofDays(90), Duration.ofDays(400), 1000, Duration.ZERO);

    MutableClock clock;
    TestCollector collector;
    Http http;
    Jdbi jdbi;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        clock = new MutableClock(T0);
        collector = new TestCollector(database().freshUrl(), clock);
        http = collector.http();
        jdbi = collector.database().jdbi();
    }

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    private RetentionService retention() {
        return new RetentionService(jdbi, clock, POLICY);
    }

    private void post(String agent, Report report) {
        Http.Response r = http.postJson("/api/v1/reports", agent, report);
        assertEquals(201, r.status(), r.body());
    }

    private List<String> reportIds(String deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT report_id FROM reports WHERE device_id = :d ORDER BY received_at")
                .bind("d", deviceId).mapTo(String.class).list());
    }

    private int auditEntriesAt(Instant at) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE at = :at")
                .bind("at", at).mapTo(Integer.class).one());
    }

    @Test
    void reportsOlderThanTheRetentionAreDeletedNewerOnesKept() {
        String agent = collector.enroll("dev-1", "PC-0001");
        Report old = Reports.failing("dev-1", "PC-0001", T0, ENDPOINT);
        post(agent, old);
        clock.advance(Duration.ofDays(50));
        Report recent = Reports.degraded("dev-1", "PC-0001", clock.instant(), ENDPOINT);
        post(agent, recent);
        clock.advance(Duration.ofDays(1));
        Report latest = Reports.healthy("dev-1", "PC-0001", clock.instant(), ENDPOINT);
        post(agent, latest);

        clock.set(T0.plus(Duration.ofDays(91)));
        RetentionService.Purged purged = retention().purge();

        assertTrue(purged.ran());
        assertEquals(1, purged.reports());
        assertEquals(List.of(recent.reportId(), latest.reportId()), reportIds("dev-1"));
        assertEquals(2, http.get("/api/v1/devices/dev-1", TestCollector.admin()).json().path("reports").size());
    }

    @Test
    void eachDevicesLatestReportIsKeptHoweverOld() {
        String quiet = collector.enroll("dev-quiet", "PC-QUIET");
        Report only = Reports.degraded("dev-quiet", "PC-QUIET", T0, ENDPOINT);
        post(quiet, only);
        String busy = collector.enroll("dev-busy", "PC-BUSY");
        post(busy, Reports.failing("dev-busy", "PC-BUSY", T0, ENDPOINT));
        Report busyLatest = Reports.healthy("dev-busy", "PC-BUSY", T0.plusSeconds(60), ENDPOINT);
        post(busy, busyLatest);

        clock.set(T0.plus(Duration.ofDays(200)));
        assertEquals(1, retention().purge().reports());

        assertEquals(List.of(only.reportId()), reportIds("dev-quiet"));
        assertEquals(List.of(busyLatest.reportId()), reportIds("dev-busy"));
        assertEquals("DEGRADED", http.get("/api/v1/devices/dev-quiet", TestCollector.admin()).json()
                .path("latest").path("verdict").asText());
    }

    @Test
    void auditEntriesAreKeptForTheirOwnLongerRetention() {
        collector.enroll("dev-1", "PC-0001");
        int enrolledAtT0 = auditEntriesAt(T0);
        assertTrue(enrolledAtT0 >= 1, "enrolling is audited");
        clock.set(T0.plus(Duration.ofDays(300)));
        collector.enroll("dev-2", "PC-0002");

        clock.set(T0.plus(Duration.ofDays(120)));
        assertEquals(0, retention().purge().auditEntries(), "older than the report retention, younger than 400 days");
        assertEquals(enrolledAtT0, auditEntriesAt(T0));

        clock.set(T0.plus(Duration.ofDays(401)));
        assertEquals(enrolledAtT0, retention().purge().auditEntries());
        assertEquals(0, auditEntriesAt(T0));
        assertEquals(1, auditEntriesAt(T0.plus(Duration.ofDays(300))), "the younger entry stays");
    }

    private void bulkHeal(String bulkId, Instant createdAt, Instant endedAt) {
        jdbi.useTransaction(h -> {
            BulkHealDao dao = new BulkHealDao(h);
            dao.insert(bulkId, "admin", createdAt, "{}", "enable-mapihttp", 100);
            dao.addDevices(bulkId, new DeviceFilter(null, null, null, null, null, null, null, null, null));
            if (endedAt != null) {
                dao.end(bulkId, "finished", null, endedAt);
            }
        });
    }

    private List<String> bulkHealRows(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT bulk_id FROM " + table + " ORDER BY bulk_id")
                .mapTo(String.class).list());
    }

    @Test
    void bulkHealsThatEndedBeforeTheAuditRetentionAreDeletedWithTheirDevicesRunningOnesNever() {
        for (int i = 0; i < 3; i++) {
            collector.enroll("dev-" + i, "PC-000" + i);
        }
        bulkHeal("bulk-old", T0, T0.plus(Duration.ofDays(1)));
        bulkHeal("bulk-running", T0, null);
        bulkHeal("bulk-recent", T0.plus(Duration.ofDays(300)), T0.plus(Duration.ofDays(300)));

        clock.set(T0.plus(Duration.ofDays(120)));
        assertEquals(0, retention().purge().bulkHealRows(), "older than the report retention, younger than 400 days");

        clock.set(T0.plus(Duration.ofDays(402)));
        assertEquals(3 + 1, retention().purge().bulkHealRows(), "its three devices, then the bulk heal");
        assertEquals(List.of("bulk-recent", "bulk-running"), bulkHealRows("bulk_heals"));
        assertEquals(List.of("bulk-recent", "bulk-recent", "bulk-recent", "bulk-running", "bulk-running", "bulk-running"),
                bulkHealRows("bulk_heal_items"));
    }

    @Test
    void bulkHealRowsGoInBatchesAcrossSeveralBulkHeals() {
        for (int i = 0; i < 3; i++) {
            collector.enroll("dev-" + i, "PC-000" + i);
        }
        bulkHeal("bulk-a", T0, T0);
        bulkHeal("bulk-b", T0, T0.plusSeconds(60));
        clock.set(T0.plus(Duration.ofDays(402)));
        RetentionService small = new RetentionService(jdbi, clock,
                new RetentionService.Policy(Duration.ofDays(90), Duration.ofDays(400), 2, Duration.ZERO));

        RetentionService.Purged purged = small.purge();

        assertEquals(3 + 3 + 2, purged.bulkHealRows());
        assertEquals(List.of(), bulkHealRows("bulk_heals"));
        assertEquals(List.of(), bulkHealRows("bulk_heal_items"));
    }

    @Test
    void aBacklogLargerThanOneBatchIsDeletedInSeveralBatches() {
        String agent = collector.enroll("dev-1", "PC-0001");
        List<ReportDao.StoredReport> backlog = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            Instant at = T0.plusSeconds(i);
            backlog.add(new ReportDao.StoredReport(String.format("old-%05d", i), "dev-1", at, at, "HEALTHY",
                    "MAPI_HTTP", List.of(), "{}"));
        }
        jdbi.useTransaction(h -> new ReportDao(h).insertIfAbsent(backlog));
        clock.set(T0.plus(Duration.ofDays(100)));
        Report latest = Reports.healthy("dev-1", "PC-0001", clock.instant(), ENDPOINT);
        post(agent, latest);

        RetentionService.Purged purged = retention().purge();

        assertEquals(2500, purged.reports());
        assertEquals(5, purged.batches(),
                "1000 + 1000 + 500 reports, then one audit batch and one bulk-heal batch that found nothing");
        assertEquals(List.of(latest.reportId()), reportIds("dev-1"));
    }

    @Test
    void aCommandsBeforeReportStaysWhileTheCommandIsWithinTheRetention() {
        String agent = collector.enroll("dev-1", "PC-0001");
        Report before = Reports.degraded("dev-1", "PC-0001", T0, ENDPOINT);
        post(agent, before);
        clock.advance(Duration.ofDays(30));
        Http.Response queued = http.postJson("/api/v1/devices/dev-1/heal", TestCollector.admin(),
                Map.of("actions", List.of("enable-mapihttp")));
        assertEquals(201, queued.status(), queued.body());
        assertEquals(1, http.get("/api/v1/commands", agent).json().path("commands").size());
        Report after = Reports.healthy("dev-1", "PC-0001", clock.instant(), ENDPOINT);
        Http.Response result = http.postJson("/api/v1/commands/" + queued.json().path("commandId").asText() + "/result",
                agent, new CommandResult(CommandStatus.SUCCEEDED, 0, "enabled", before, after));
        assertEquals(200, result.status(), result.body());
        clock.advance(Duration.ofDays(1));
        Report latest = Reports.healthy("dev-1", "PC-0001", clock.instant(), ENDPOINT);
        post(agent, latest);

        clock.set(T0.plus(Duration.ofDays(100)));
        assertEquals(0, retention().purge().reports(), "the before report is 100 days old, its command 70");
        assertEquals(List.of(before.reportId(), after.reportId(), latest.reportId()), reportIds("dev-1"));

        clock.set(T0.plus(Duration.ofDays(125)));
        assertEquals(2, retention().purge().reports());
        assertEquals(List.of(latest.reportId()), reportIds("dev-1"));
    }

    @Test
    void onlyOneCollectorPurgesAtATime() {
        String agent = collector.enroll("dev-1", "PC-0001");
        post(agent, Reports.failing("dev-1", "PC-0001", T0, ENDPOINT));
        post(agent, Reports.healthy("dev-1", "PC-0001", T0.plusSeconds(60), ENDPOINT));
        clock.set(T0.plus(Duration.ofDays(100)));
        Instant now = clock.instant();
        boolean taken = jdbi.withHandle(h -> new LeaseDao(h).acquire("retention", "other-collector", now,
                now.plus(Duration.ofMinutes(10))));
        assertTrue(taken, "another collector is purging");

        RetentionService.Purged skipped = retention().purge();
        assertFalse(skipped.ran());
        assertEquals(2, reportIds("dev-1").size(), "nothing deleted while the other holds the lease");

        clock.advance(Duration.ofMinutes(11));
        assertEquals(1, retention().purge().reports(), "a lease its holder stopped renewing runs out");
    }
}
