package dev.mapiagent.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.db.Database;
import dev.mapiagent.collector.db.DeviceDao;
import dev.mapiagent.collector.db.FindingDao;
import dev.mapiagent.collector.error.BusyException;
import dev.mapiagent.collector.error.ShuttingDownException;
import dev.mapiagent.collector.metrics.CollectorMetrics;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestDatabase;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Report ingest through the group commit, on each database. */
class IngestServiceTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    /** These tests post many reports per device at one instant; budgets are ReportBudgetTest's subject. */
    private static final ReportBudget.Limits NO_BUDGET =
            new ReportBudget.Limits(Integer.MAX_VALUE, java.time.Duration.ofMillis(1), Long.MAX_VALUE, Long.MAX_VALUE);

    private final MutableClock clock = new MutableClock(T0);
    private Database database;
    private IngestService ingest;

    private void open(TestDatabase kind, int queueCapacity) {
        database = Database.open(kind.freshUrl());
        ingest = new IngestService(database.jdbi(), clock, new CollectorMetrics(), queueCapacity,
                IngestService.MAX_BATCH, NO_BUDGET);
    }

    @AfterEach
    void close() {
        if (ingest != null) {
            ingest.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private void enroll(String... deviceIds) {
        database.jdbi().useHandle(h -> {
            for (String id : deviceIds) {
                new DeviceDao(h).insert(id, "PC-" + id, "ann", "token-hash-" + id, null, T0);
            }
        });
    }

    private CompletableFuture<IngestService.Ingested> post(Report report) {
        JsonNode document = ProtocolJson.mapper().valueToTree(report);
        return ingest.ingest(report.deviceId(), document, document.toString());
    }

    private int storedReports() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM reports").mapTo(Integer.class).one());
    }

    private Instant lastSeen(String deviceId) {
        return database.jdbi().withHandle(h -> new DeviceDao(h).find(deviceId).orElseThrow().lastSeen());
    }

    private String latestReportId(String deviceId) {
        return database.jdbi().withHandle(h -> new DeviceDao(h).find(deviceId).orElseThrow().latestReportId());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void manyReportsPostedConcurrentlyAreEachStoredExactlyOnce(TestDatabase kind) throws Exception {
        open(kind, IngestService.QUEUE_CAPACITY);
        List<String> devices = List.of("dev-1", "dev-2", "dev-3", "dev-4", "dev-5");
        enroll(devices.toArray(String[]::new));
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            reports.add(Reports.degraded(devices.get(i % devices.size()), "PC", T0.plusSeconds(i), "mail.contoso.com"));
        }
        // received after they were made: capped at the receive time they would all tie, and the last stored would win
        clock.advance(Duration.ofSeconds(300));
        Map<String, List<Boolean>> duplicateFlags = new ConcurrentHashMap<>();
        ExecutorService agents = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> posted = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                for (Report report : reports) {
                    posted.add(agents.submit(() -> {
                        boolean duplicate = post(report).get(30, TimeUnit.SECONDS).duplicate();
                        duplicateFlags.computeIfAbsent(report.reportId(),
                                id -> Collections.synchronizedList(new ArrayList<>())).add(duplicate);
                        return null;
                    }));
                }
            }
            for (Future<?> f : posted) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            agents.shutdown();
        }
        assertEquals(reports.size(), storedReports());
        for (Report report : reports) {
            List<Boolean> flags = duplicateFlags.get(report.reportId());
            assertEquals(2, flags.size());
            assertEquals(1, flags.stream().filter(d -> !d).count(), "stored by exactly one of its two posts");
        }
        for (int d = 0; d < devices.size(); d++) {
            Report newest = reports.get(reports.size() - devices.size() + d);
            assertEquals(newest.reportId(), latestReportId(newest.deviceId()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSameReportIdTwiceInOneBatchIsStoredOnce(TestDatabase kind) {
        open(kind, IngestService.QUEUE_CAPACITY);
        enroll("dev-1", "dev-2");
        Report report = Reports.failing("dev-1", "PC-1", T0, "mail.contoso.com");
        Report other = Reports.healthy("dev-2", "PC-2", T0, "mail.contoso.com");
        List<Boolean> stored = storeInOneBatch(report, report, other);
        assertEquals(List.of(true, false, true), stored);
        assertEquals(2, storedReports());
        assertEquals(report.reportId(), latestReportId("dev-1"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void ofTwoReportsOfOneDeviceInOneBatchTheNewerIsTheLatestStateWhateverTheirOrder(TestDatabase kind) {
        open(kind, IngestService.QUEUE_CAPACITY);
        enroll("dev-1", "dev-2");
        clock.advance(Duration.ofSeconds(60));
        Report newer = Reports.healthy("dev-1", "PC-1", T0.plusSeconds(60), "mail.contoso.com");
        Report older = Reports.failing("dev-1", "PC-1", T0, "mail.contoso.com");
        Report older2 = Reports.failing("dev-2", "PC-2", T0, "mail.contoso.com");
        Report newer2 = Reports.degraded("dev-2", "PC-2", T0.plusSeconds(60), "mail.contoso.com");
        assertEquals(List.of(true, true, true, true), storeInOneBatch(newer, older, older2, newer2));
        assertEquals(newer.reportId(), latestReportId("dev-1"));
        assertEquals(newer2.reportId(), latestReportId("dev-2"));
        List<FindingDao.CurrentFinding> findings = database.jdbi().withHandle(h -> new FindingDao(h).all());
        assertEquals(1, findings.size(), "dev-1 is healthy; dev-2 has the newer report's one finding");
        assertEquals("dev-2", findings.get(0).deviceId());
        assertEquals("MAPIHTTP_DISABLED_REGISTRY", findings.get(0).code());
        assertEquals(T0.plusSeconds(60), findings.get(0).since());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFindingSeenByConsecutiveReportsOfOneBatchKeepsTheFirstOnesTime(TestDatabase kind) {
        open(kind, IngestService.QUEUE_CAPACITY);
        enroll("dev-1", "dev-2");
        storeInOneBatch(Reports.failing("dev-1", "PC-1", T0, "mail.contoso.com"),
                Reports.failing("dev-1", "PC-1", T0.plusSeconds(60), "mail.contoso.com"),
                Reports.healthy("dev-2", "PC-2", T0, "mail.contoso.com"));
        List<FindingDao.CurrentFinding> findings = database.jdbi().withHandle(h -> new FindingDao(h).all());
        assertEquals(1, findings.size());
        assertEquals(T0, findings.get(0).since());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBatchOfOneReportPerDeviceSetsEachDevicesContactAndOnlyNewerReportsBecomeTheLatest(TestDatabase kind) {
        open(kind, IngestService.QUEUE_CAPACITY);
        enroll("dev-1", "dev-2", "dev-3");
        clock.advance(Duration.ofSeconds(60)); // a report's place is capped at when it was received
        Report current2 = Reports.healthy("dev-2", "PC-2", T0.plusSeconds(30), "mail.contoso.com");
        Report current3 = Reports.failing("dev-3", "PC-3", T0, "mail.contoso.com");
        storeInOneBatch(current2, current3);

        Report newer1 = Reports.failing("dev-1", "PC-1", T0.plusSeconds(60), "mail.contoso.com");
        Report older2 = Reports.failing("dev-2", "PC-2", T0, "mail.contoso.com");
        assertEquals(List.of(true, true, false), storeInOneBatch(newer1, older2, current3));

        assertEquals(newer1.reportId(), latestReportId("dev-1"));
        assertEquals(current2.reportId(), latestReportId("dev-2"), "an older report is stored, not made the latest");
        assertEquals(current3.reportId(), latestReportId("dev-3"));
        for (String device : List.of("dev-1", "dev-2", "dev-3")) {
            assertEquals(T0.plusSeconds(60), lastSeen(device), device + " was heard from now");
        }
        List<FindingDao.CurrentFinding> findings = database.jdbi().withHandle(h -> new FindingDao(h).all());
        assertEquals(List.of("dev-1", "dev-3"), findings.stream().map(FindingDao.CurrentFinding::deviceId).sorted().toList(),
                "dev-2 stays healthy: its older failing report does not count");
        assertEquals(T0, findings.stream().filter(f -> f.deviceId().equals("dev-3")).findFirst().orElseThrow().since());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFullQueueIsRefusedWith429AndRetryAfter(TestDatabase kind) throws Exception {
        open(kind, 1);
        enroll("dev-1");
        // an open transaction holding dev-1's row keeps the writer waiting on its first report
        try (Handle blocker = database.jdbi().open()) {
            blocker.begin();
            blocker.createUpdate("UPDATE devices SET last_seen = :now WHERE device_id = 'dev-1'").bind("now", T0).execute();
            CompletableFuture<IngestService.Ingested> writing = post(Reports.healthy("dev-1", "PC-1", T0, "mail.contoso.com"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ingest.queued() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            CompletableFuture<IngestService.Ingested> queued = post(Reports.healthy("dev-1", "PC-1", T0.plusSeconds(1), "mail.contoso.com"));
            BusyException refused = assertThrows(BusyException.class,
                    () -> post(Reports.healthy("dev-1", "PC-1", T0.plusSeconds(2), "mail.contoso.com")));
            assertEquals(1, refused.retryAfterSeconds());
            assertFalse(writing.isDone(), "the writer was held, so the queue really was full");
            blocker.rollback();
            assertFalse(writing.get(30, TimeUnit.SECONDS).duplicate());
            assertFalse(queued.get(30, TimeUnit.SECONDS).duplicate());
        }
        assertEquals(2, storedReports());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void closingStoresAndAnswersTheQueuedReportsThenRefusesWith503(TestDatabase kind) throws Exception {
        open(kind, IngestService.QUEUE_CAPACITY);
        enroll("dev-1", "dev-2");
        List<CompletableFuture<IngestService.Ingested>> posted = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            posted.add(post(Reports.healthy(i % 2 == 0 ? "dev-1" : "dev-2", "PC", T0.plusSeconds(i), "mail.contoso.com")));
        }
        ingest.close();
        assertTrue(posted.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()), "all answered by close");
        assertEquals(50, storedReports());
        assertThrows(ShuttingDownException.class,
                () -> post(Reports.healthy("dev-1", "PC", T0.plusSeconds(99), "mail.contoso.com")));
    }

    private List<Boolean> storeInOneBatch(Report... reports) {
        ReportStore store = new ReportStore(clock);
        List<ReportStore.Incoming> batch = new ArrayList<>();
        for (Report r : reports) {
            batch.add(new ReportStore.Incoming(r, ProtocolJson.mapper().valueToTree(r).toString()));
        }
        return database.jdbi().inTransaction(h -> store.storeAll(h, batch));
    }
}
