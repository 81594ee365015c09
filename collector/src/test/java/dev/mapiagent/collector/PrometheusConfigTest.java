package dev.mapiagent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.MutableClock;
import dev.mapiagent.collector.support.Promtool;
import dev.mapiagent.collector.support.Reports;
import dev.mapiagent.collector.support.Scrape;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus rules and Grafana dashboard (config/prometheus, config/grafana) against promtool and
 * against what a running collector really exposes on /metrics.
 */
class PrometheusConfigTest {

    static final Path PROMETHEUS = Path.of("..", "config", "prometheus").toAbsolutePath().normalize();
    static final Path DASHBOARD = Path.of("..", "config", "grafana", "mapi-collector.json").toAbsolutePath().normalize();
    static final Pattern METRIC = Pattern.compile("\\b((?:mapi|jvm|process)_[a-z_]+)");

    static TestCollector collector;
    static String metrics;

    /** A collector that has seen some traffic: enrolments, reports, a device read, a 404. */
    @BeforeAll
    static void scrapeACollector() {
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        collector = new TestCollector(TestDatabase.H2.freshUrl(), new MutableClock(t0));
        Http http = collector.http();
        String agent = collector.enroll("dev-1", "PC-0001");
        http.postJson("/api/v1/reports", agent, Reports.failing("dev-1", "PC-0001", t0, "mail.contoso.com"));
        http.get("/api/v1/devices/dev-1", TestCollector.admin());
        http.get("/no-such-page", null);
        http.get("/app.js", null);
        metrics = http.get("/metrics", null).body();
    }

    @AfterAll
    static void stopTheCollector() {
        collector.close();
    }

    @Test
    void theAlertingRulesLoad() {
        Promtool.Run run = Promtool.run(PROMETHEUS, null, "check", "rules", "mapi-alerts.yml");
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void theAlertsFireForTheirTestSeriesAndOnlyThen() {
        Promtool.Run run = Promtool.run(PROMETHEUS, null, "test", "rules", "mapi-alerts.test.yml");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("SUCCESS"), run.output());
    }

    @Test
    void theCollectorsMetricsPassPromtoolCheckMetrics() {
        Promtool.Run run = Promtool.run(PROMETHEUS, metrics, "check", "metrics");
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void httpDurationsAreLabelledByRouteTemplateNotByPath() {
        Scrape scrape = new Scrape(metrics);
        String counts = String.join("\n", metrics.lines().filter(l -> l.startsWith("mapi_http_request_duration_seconds_count")).toList());
        assertTrue(scrape.has("mapi_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/devices/{deviceId}\",status=\"200\"}"), counts);
        assertTrue(scrape.has("mapi_http_request_duration_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"), counts);
        assertTrue(scrape.has("mapi_http_request_duration_seconds_count{method=\"GET\",route=\"static\",status=\"200\"}"), counts);
        assertFalse(metrics.contains("dev-1"), "no device id in any label");
        assertFalse(metrics.contains("no-such-page"), "no raw path in any label");
    }

    @Test
    void theJvmAndProcessAreInstrumented() {
        Scrape scrape = new Scrape(metrics);
        assertTrue(scrape.has("jvm_memory_used_bytes{area=\"heap\"}"));
        assertTrue(scrape.has("jvm_threads_current"));
        assertTrue(scrape.has("process_cpu_seconds_total"));
        assertTrue(scrape.has("process_open_fds"));
    }

    @Test
    void everyMetricTheRulesAndTheDashboardUseIsExposed() throws IOException {
        String used = Files.readString(PROMETHEUS.resolve("mapi-alerts.yml")) + Files.readString(DASHBOARD);
        Set<String> missing = new TreeSet<>();
        Matcher m = METRIC.matcher(used);
        while (m.find()) {
            String name = m.group(1);
            if (!metrics.contains("\n# TYPE " + name + " ") && !metrics.contains("\n# TYPE " + name.replaceAll("_(bucket|count|sum)$", "") + " histogram")) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "used by config/ but not exposed by the collector");
    }

    @Test
    void theDashboardsQueriesAreValidPromQL(@TempDir Path dir) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        assertTrue(exprs.size() >= 10, "the dashboard has its panels: " + exprs.size());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            String expr = exprs.get(i).replace("$__rate_interval", "5m");
            rules.append("      - record: dashboard:panel").append(i).append("\n        expr: ")
                    .append(new ObjectMapper().writeValueAsString(expr)).append('\n');
        }
        Files.writeString(dir.resolve("dashboard-rules.yml"), rules);
        Promtool.Run run = Promtool.run(dir, null, "check", "rules", "dashboard-rules.yml");
        assertEquals(0, run.exitCode(), rules + run.output());
    }
}
