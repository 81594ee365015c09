package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.support.CollectorProcess;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.TestCollector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} runs the bulk heal scheduler by itself: a bulk heal created over the API gets its devices' heals
 * queued without anyone calling the scheduler, at the configured default rate.
 */
class ServeBulkHealTest {

    @TempDir
    Path dir;

    @Test
    void serveQueuesABulkHealsDevicesOnItsOwnAtTheConfiguredDefaultRate() throws Exception {
        try (CollectorProcess collector = CollectorProcess.start(dir.resolve("collector.log"),
                "--data-dir", dir.resolve("data").toString(), "--bulk-heal-per-minute", "2")) {
            Http http = collector.http();
            for (int i = 1; i <= 3; i++) {
                Http.Response enrolled = http.postJson("/api/v1/enroll", null, Map.of("enrollSecret", TestCollector.ENROLL_SECRET,
                        "deviceId", "dev-" + i, "hostname", "PC-" + i, "user", "ann"));
                assertEquals(201, enrolled.status(), enrolled.body());
                String agent = Http.bearer(enrolled.json().path("agentToken").asText());
                assertEquals(201, http.postJson("/api/v1/reports", agent,
                        Reports.degraded("dev-" + i, "PC-" + i, Instant.now(), "mail.contoso.com")).status());
            }
            Http.Response created = http.postJson("/api/v1/bulk-heals", TestCollector.admin(),
                    Map.of("filter", Map.of("finding", "MAPIHTTP_DISABLED_REGISTRY"), "actions", List.of("enable-mapihttp")));
            assertEquals(201, created.status(), created.body());
            String path = "/api/v1/bulk-heals/" + created.json().path("bulkId").asText();

            // the scheduler runs every 5 seconds; two devices start in the first minute, the third waits for the next
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            JsonNode bulk = http.get(path, TestCollector.admin()).json();
            while (bulk.path("counts").path("queued").asInt() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                bulk = http.get(path, TestCollector.admin()).json();
            }
            assertEquals(2, bulk.path("counts").path("queued").asInt(), bulk.toString());
            assertEquals(1, bulk.path("counts").path("pending").asInt(), bulk.toString());
            assertEquals(2, bulk.path("perMinute").asInt());
            assertTrue(http.get("/metrics", null).body().contains("mapi_bulk_heal_pending_devices 1.0"));
        }
    }
}
