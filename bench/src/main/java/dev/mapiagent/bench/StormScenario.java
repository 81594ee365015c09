package dev.mapiagent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Logon storm: N distinct devices each enroll and post their first report within the time budget; then the
 * helpdesk API must show every device with exactly the report it sent (zero lost).
 */
final class StormScenario {

    /** Devices per device-list query when verifying (ids share a group prefix). */
    private static final int GROUP = 1000;

    private StormScenario() {
    }

    static String run(BenchOptions options, Api api) {
        Markdown table = new Markdown("database", "devices", "wall time s", "devices/s", "enroll p50/p99 ms",
                "report p50/p99 ms", "errors", "lost", "collector after");
        for (Targets target : Targets.of(options)) {
            try (PostgresSchema schema = target.freshSchema(); Collectors collectors = new Collectors(options, api)) {
                Collectors.Instance collector = collectors.start(Targets.dbUrl(schema));
                String url = collector.baseUrl();
                String prefix = "storm-" + Long.toString(System.nanoTime(), 36);
                int devices = options.stormDevices;
                AtomicReferenceArray<String> sent = new AtomicReferenceArray<>(devices);
                Latencies enrollLatency = new Latencies();
                Latencies reportLatency = new Latencies();
                AtomicInteger next = new AtomicInteger();
                Load.Result storm = Load.closedLoop("storm", options.concurrency, Duration.ofMinutes(options.stormMinutes), () -> {
                    int i = next.getAndIncrement();
                    if (i >= devices) {
                        return null;
                    }
                    String deviceId = prefix + "-" + (i / GROUP) + "-" + i;
                    long t0 = System.nanoTime();
                    return api.enroll(url, collectors.enrollSecret(), deviceId, i).thenCompose(agent -> {
                        long t1 = System.nanoTime();
                        enrollLatency.add(t1 - t0);
                        SampleReports.Sample report = new SampleReports(deviceId, i).next();
                        CompletableFuture<Integer> posted = api.report(url, agent, report.json());
                        return posted.thenAccept(status -> {
                            reportLatency.add(System.nanoTime() - t1);
                            sent.set(i, report.reportId());
                        });
                    });
                });
                int lost = lost(api, collectors, url, prefix, sent);
                table.row(target.label(), devices, storm.seconds(), storm.ok() / storm.seconds(),
                        pair(enrollLatency), pair(reportLatency), IngestScenario.errors(storm), lost,
                        collector.residentMemory());
            }
        }
        return "### storm\n\n" + options.stormDevices + " distinct devices, " + options.concurrency
                + " at a time, each enrolls then posts its first report; budget " + options.stormMinutes
                + " min. \"lost\" = devices whose latest report in GET /api/v1/devices is not the one the bench got a 201 for.\n\n"
                + table;
    }

    /** Devices whose latest report, as the helpdesk API lists it, is not the one they sent (or that never sent). */
    private static int lost(Api api, Collectors collectors, String url, String prefix, AtomicReferenceArray<String> sent) {
        Api.Session session = api.login(url, collectors.adminPassword());
        Map<String, String> latest = new HashMap<>();
        for (int group = 0; group * GROUP < sent.length(); group++) {
            for (JsonNode d : api.devices(session, prefix + "-" + group + "-", 5000)) {
                latest.put(d.path("deviceId").asText(), d.path("latestReportId").asText(null));
            }
        }
        int lost = 0;
        for (int i = 0; i < sent.length(); i++) {
            String reportId = sent.get(i);
            if (reportId == null || !reportId.equals(latest.get(prefix + "-" + (i / GROUP) + "-" + i))) {
                lost++;
            }
        }
        return lost;
    }

    private static String pair(Latencies l) {
        return String.format(Locale.ROOT, "%.1f / %.1f", l.percentileMillis(50), l.percentileMillis(99));
    }
}
