package dev.mapiagent.bench;

import java.time.Duration;
import java.util.List;

/**
 * Two collectors on one PostgreSQL behind a round-robin client: ingest with one collector and with both, then
 * agents long-polling both collectors at once while heals are queued on either: each command reaches its agent
 * exactly once.
 */
final class ScaleOutScenario {

    private ScaleOutScenario() {
    }

    static String run(BenchOptions options, Api api) {
        if (options.pgUrl == null || options.pgUrl.isBlank() || options.url != null) {
            return "### scaleout\n\nskipped: needs --pg (PostgreSQL JDBC URL) and no --url\n";
        }
        Markdown ingest = new Markdown("collectors", "reports/s", "p50 ms", "p99 ms", "p99.9 ms", "errors");
        Markdown commands = new Markdown("agents (each polling both)", "heals (queued on A and B alternately)",
                "delivered", "duplicates", "missing", "click→agent p50 ms", "p95 ms", "max ms", "poll errors");
        String memory;
        try (PostgresSchema schema = new PostgresSchema(options.pgUrl); Collectors collectors = new Collectors(options, api)) {
            Collectors.Instance a = collectors.start(schema.url());
            Collectors.Instance b = collectors.start(schema.url());
            Fleet fleet = Fleet.enroll(api, List.of(a.baseUrl(), b.baseUrl()), collectors.enrollSecret(),
                    "scale-" + Long.toString(System.nanoTime(), 36), options.devices);
            Fleet one = fleet.over(List.of(a.baseUrl()));
            Fleet two = fleet.over(List.of(a.baseUrl(), b.baseUrl()));
            Load.closedLoop("warm-up", options.concurrency, Duration.ofSeconds(options.warmupSeconds),
                    () -> two.postNextReport(api));
            for (Fleet f : List.of(one, two)) {
                Load.Result r = Load.closedLoop("max", options.concurrency, Duration.ofSeconds(options.seconds),
                        () -> f.postNextReport(api));
                ingest.row(f == one ? "1 (A)" : "2 (A, B round robin)", r.perSecond(), r.latencies().percentileMillis(50),
                        r.latencies().percentileMillis(99), r.latencies().percentileMillis(99.9), IngestScenario.errors(r));
            }

            List<Api.Agent> sample = LongPollScenario.sample(fleet.agents(), options.heals);
            try (PollingAgents agents = new PollingAgents(api, sample, List.of(a.baseUrl(), b.baseUrl()), 10)) {
                PollingAgents.awaitParked(api, a.baseUrl(), sample.size(), 60_000);
                PollingAgents.awaitParked(api, b.baseUrl(), sample.size(), 60_000);
                // one page login, used on both collectors: sessions live in the database
                LongPollScenario.Clicks clicks = LongPollScenario.Clicks.queue(api,
                        api.login(a.baseUrl(), collectors.adminPassword()), List.of(a.baseUrl(), b.baseUrl()), sample,
                        options.healsPerSecond);
                agents.awaitDelivered(clicks.clickedAt().keySet(), 30_000);
                // a duplicate would come from the other collector's long-poll: give every parked poll time to answer
                Collectors.sleep(11_000);
                Latencies latency = clicks.deliveryLatencies(agents);
                commands.row(sample.size(), clicks.clickedAt().size(), latency.count(), agents.duplicates(),
                        clicks.clickedAt().size() - latency.count(), latency.percentileMillis(50),
                        latency.percentileMillis(95), latency.maxMillis(), agents.errors());
            }
            memory = "A: " + a.residentMemory() + "; B: " + b.residentMemory();
        }
        return "### scaleout\n\nTwo collectors on one PostgreSQL schema, " + options.devices + " devices, "
                + options.concurrency + " reports in flight, " + options.seconds + " s per run. Collectors after: "
                + memory + ".\n\n" + ingest + "\n" + commands;
    }
}
