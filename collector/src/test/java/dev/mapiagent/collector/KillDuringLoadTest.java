package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.support.CollectorProcess;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An acknowledgement means durable: the collector process is killed (SIGKILL) while agents post reports and the
 * helpdesk queues heals, started again on the same data, and every report, heal and heal audit entry it answered
 * 201 for is there.
 */
class KillDuringLoadTest {

    private static final int REPORTING_DEVICES = 6;
    private static final int HEALED_DEVICES = 12;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyAcknowledgedReportHealAndAuditEntrySurvivesAKill(TestDatabase kind) throws Exception {
        String[] data = kind == TestDatabase.H2
                ? new String[] {"--data-dir", dir.resolve("data").toString()}
                : new String[] {"--db", kind.freshUrl()};
        Path log = dir.resolve("collector.log");
        Map<String, Set<String>> acknowledgedReports = new ConcurrentHashMap<>();
        Map<String, String> acknowledgedHeals = new ConcurrentHashMap<>();

        CollectorProcess collector = CollectorProcess.start(log, data);
        Http http = collector.http();
        List<String> reporting = new ArrayList<>();
        List<String> healed = new ArrayList<>();
        Map<String, String> agents = new ConcurrentHashMap<>();
        for (int i = 0; i < REPORTING_DEVICES + HEALED_DEVICES; i++) {
            String device = "pc-" + i;
            agents.put(device, enroll(http, device));
            (i < REPORTING_DEVICES ? reporting : healed).add(device);
        }

        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(REPORTING_DEVICES + 1);
        for (String device : reporting) {
            acknowledgedReports.put(device, ConcurrentHashMap.newKeySet());
            load.execute(() -> {
                while (running.get()) {
                    var report = Reports.healthy(device, device, Instant.now(), "outlook.office365.com");
                    try {
                        if (http.postJson("/api/v1/reports", agents.get(device), report).status() == 201) {
                            acknowledgedReports.get(device).add(report.reportId());
                        }
                    } catch (RuntimeException killed) {
                        return;
                    }
                }
            });
        }
        load.execute(() -> {
            for (String device : healed) {
                try {
                    Http.Response r = http.postJson("/api/v1/devices/" + device + "/heal", TestCollector.admin(),
                            Map.of("actions", List.of("enable-mapihttp")));
                    if (r.status() == 201) {
                        acknowledgedHeals.put(device, r.json().path("commandId").asText());
                    }
                } catch (RuntimeException killed) {
                    return;
                }
            }
        });

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((acknowledgedHeals.size() < HEALED_DEVICES / 3 || total(acknowledgedReports) < 40)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        collector.kill();
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(40, TimeUnit.SECONDS));
        assertTrue(total(acknowledgedReports) > 0 && !acknowledgedHeals.isEmpty(), "no load was acknowledged");

        try (CollectorProcess restarted = CollectorProcess.start(log, data)) {
            Http after = restarted.http();
            for (var device : acknowledgedReports.entrySet()) {
                JsonNode detail = after.get("/api/v1/devices/" + device.getKey() + "?history=1000", TestCollector.admin()).json();
                Set<String> stored = new HashSet<>();
                detail.path("reports").forEach(r -> stored.add(r.path("reportId").asText()));
                Set<String> lost = new HashSet<>(device.getValue());
                lost.removeAll(stored);
                assertEquals(Set.of(), lost, "acknowledged reports of " + device.getKey() + " lost");
            }
            for (var heal : acknowledgedHeals.entrySet()) {
                JsonNode detail = after.get("/api/v1/devices/" + heal.getKey(), TestCollector.admin()).json();
                Set<String> commands = new HashSet<>();
                detail.path("commands").forEach(c -> commands.add(c.path("commandId").asText()));
                assertTrue(commands.contains(heal.getValue()), "acknowledged heal of " + heal.getKey() + " lost");
                JsonNode audit = after.get("/api/v1/audit?deviceId=" + heal.getKey(), TestCollector.admin()).json();
                boolean audited = false;
                for (JsonNode entry : audit.path("entries")) {
                    audited |= entry.path("action").asText().equals("heal-queued")
                            && entry.path("detail").asText().contains(heal.getValue());
                }
                assertTrue(audited, "the audit entry of the acknowledged heal of " + heal.getKey() + " lost");
            }
        }
    }

    private static String enroll(Http http, String device) {
        Http.Response r = http.postJson("/api/v1/enroll", null, Map.of("enrollSecret", TestCollector.ENROLL_SECRET,
                "deviceId", device, "hostname", device, "user", "ann"));
        assertEquals(201, r.status(), r.body());
        return Http.bearer(r.json().path("agentToken").asText());
    }

    private static int total(Map<String, Set<String>> acknowledged) {
        return acknowledged.values().stream().mapToInt(Set::size).sum();
    }
}
