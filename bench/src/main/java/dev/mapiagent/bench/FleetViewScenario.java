package dev.mapiagent.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The helpdesk's reads at fleet size: N devices enroll and report (10% failing, 10% degraded, the rest healthy, as
 * {@link SampleReports} makes them), then each device-list query and the overview are timed one request at a time,
 * as people clicking through the page send them.
 */
final class FleetViewScenario {

    private static final int WARMUP = 20;

    private FleetViewScenario() {
    }

    /** What a helpdesk lead clicks: first page, a deep page, filters, a search, a sort, the CSV export's count, the overview. */
    private static Map<String, String> queries(int devices) {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("first page (by host name)", "/api/v1/devices?limit=50");
        queries.put("page in the middle", "/api/v1/devices?limit=50&offset=" + devices / 2);
        queries.put("failing, newest first", "/api/v1/devices?limit=50&verdict=FAILING&sort=-lastSeen");
        queries.put("finding + endpoint", "/api/v1/devices?limit=50&finding=MAPIHTTP_DISABLED_REGISTRY&endpoint=mail.contoso.com");
        queries.put("RPC/HTTP fallback, by verdict", "/api/v1/devices?limit=50&protocol=RPC_HTTP&sort=verdict");
        queries.put("search text", "/api/v1/devices?limit=50&q=pc-4242");
        queries.put("overview (fleet summary)", "/api/v1/fleet/summary");
        return queries;
    }

    static String run(BenchOptions options, Api api) {
        Markdown table = new Markdown("database", "devices", "query", "p50 ms", "p95 ms", "p99 ms", "max ms");
        String populated = "";
        for (Targets target : Targets.of(options)) {
            try (PostgresSchema schema = target.freshSchema(); Collectors collectors = new Collectors(options, api)) {
                Collectors.Instance collector = collectors.start(Targets.dbUrl(schema));
                String url = collector.baseUrl();
                Load.Result fill = populate(options, api, collectors, url);
                populated += target.label() + ": " + fill.ok() + " devices enrolled and reported in "
                        + Math.round(fill.seconds()) + " s (" + fill.errors() + " errors). ";
                Api.Session session = api.login(url, collectors.adminPassword());
                for (Map.Entry<String, String> query : queries(options.fleetDevices).entrySet()) {
                    for (int i = 0; i < WARMUP; i++) {
                        api.get(session, query.getValue()).join();
                    }
                    Latencies latencies = new Latencies();
                    for (int i = 0; i < options.fleetRequests; i++) {
                        long t0 = System.nanoTime();
                        api.get(session, query.getValue()).join();
                        latencies.add(System.nanoTime() - t0);
                    }
                    table.row(target.label(), fill.ok(), query.getKey() + " `" + query.getValue() + "`",
                            latencies.percentileMillis(50), latencies.percentileMillis(95),
                            latencies.percentileMillis(99), latencies.maxMillis());
                }
            }
        }
        return "### fleetview\n\n" + options.fleetDevices + " devices; each query " + options.fleetRequests
                + " times one after the other after " + WARMUP + " unmeasured. " + populated + "\n\n" + table;
    }

    private static Load.Result populate(BenchOptions options, Api api, Collectors collectors, String url) {
        String prefix = "fleet-" + Long.toString(System.nanoTime(), 36);
        AtomicInteger next = new AtomicInteger();
        return Load.closedLoop("populate", options.concurrency, Duration.ofMinutes(options.stormMinutes), () -> {
            int i = next.getAndIncrement();
            if (i >= options.fleetDevices) {
                return null;
            }
            String deviceId = prefix + "-" + i;
            return api.enroll(url, collectors.enrollSecret(), deviceId, i)
                    .thenCompose(agent -> api.report(url, agent, new SampleReports(deviceId, i).next().json()));
        });
    }
}
