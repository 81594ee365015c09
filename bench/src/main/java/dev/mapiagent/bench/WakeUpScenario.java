package dev.mapiagent.bench;

import java.util.List;

/**
 * Wake-up across collectors: two collectors on one PostgreSQL, every agent long-polls collector B only, and the
 * helpdesk queues each heal through collector A, so every delivery needs B to learn of a command A queued.
 */
final class WakeUpScenario {

    private WakeUpScenario() {
    }

    static String run(BenchOptions options, Api api) {
        if (options.pgUrl == null || options.pgUrl.isBlank() || options.url != null) {
            return "### wakeup\n\nskipped: needs --pg (PostgreSQL JDBC URL) and no --url\n";
        }
        Markdown table = new Markdown("collector jar", "agents parked on B", "heals queued on A", "delivered",
                "click→agent p50 ms", "p95 ms", "max ms", "heal POST p50 ms", "duplicates", "poll errors");
        try (PostgresSchema schema = new PostgresSchema(options.pgUrl); Collectors collectors = new Collectors(options, api)) {
            Collectors.Instance a = collectors.start(schema.url());
            Collectors.Instance b = collectors.start(schema.url());
            Fleet fleet = Fleet.enroll(api, List.of(a.baseUrl()), collectors.enrollSecret(),
                    "wake-" + Long.toString(System.nanoTime(), 36), options.heals);
            try (PollingAgents agents = new PollingAgents(api, fleet.agents(), List.of(b.baseUrl()), options.wait)) {
                PollingAgents.awaitParked(api, b.baseUrl(), fleet.agents().size(), 60_000);
                LongPollScenario.Clicks clicks = LongPollScenario.Clicks.queue(api,
                        api.login(a.baseUrl(), collectors.adminPassword()), List.of(a.baseUrl()), fleet.agents(),
                        options.healsPerSecond);
                agents.awaitDelivered(clicks.clickedAt().keySet(), 60_000);
                Latencies latency = clicks.deliveryLatencies(agents);
                table.row(options.collectorJar, fleet.agents().size(), clicks.clickedAt().size(), latency.count(),
                        latency.percentileMillis(50), latency.percentileMillis(95), latency.maxMillis(),
                        clicks.postLatency().percentileMillis(50), agents.duplicates(), agents.errors());
            }
        }
        return "### wakeup\n\nTwo collectors on one PostgreSQL schema; " + options.heals + " agents hold GET "
                + "/api/v1/commands?wait=" + options.wait + " open on collector B only; " + options.heals
                + " heals at " + options.healsPerSecond + "/s through collector A (page session); click→agent is "
                + "from the heal request leaving to the command arriving at the agent.\n\n" + table;
    }
}
