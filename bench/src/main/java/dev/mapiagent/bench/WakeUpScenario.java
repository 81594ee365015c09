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
        Markdown table = new Markdown("collector jar", "agents parked on", "heals queued on A", "delivered",
                "click→agent p50 ms", "p95 ms", "max ms", "heal answered→agent p50 ms", "p95 ms", "max ms",
                "heal POST p50 ms", "duplicates", "poll errors");
        try (PostgresSchema schema = new PostgresSchema(options.pgUrl); Collectors collectors = new Collectors(options, api)) {
            Collectors.Instance a = collectors.start(schema.url());
            Collectors.Instance b = collectors.start(schema.url());
            Fleet fleet = Fleet.enroll(api, List.of(a.baseUrl()), collectors.enrollSecret(),
                    "wake-" + Long.toString(System.nanoTime(), 36), 2 * options.heals);
            Api.Session session = api.login(a.baseUrl(), collectors.adminPassword());
            // first the floor, woken in process (parked on A itself), then across collectors (parked on B)
            for (Collectors.Instance parkedOn : List.of(a, b)) {
                List<Api.Agent> sample = parkedOn == a ? fleet.agents().subList(0, options.heals)
                        : fleet.agents().subList(options.heals, 2 * options.heals);
                try (PollingAgents agents = new PollingAgents(api, sample, List.of(parkedOn.baseUrl()), options.wait)) {
                    PollingAgents.awaitParked(api, parkedOn.baseUrl(), sample.size(), 60_000);
                    LongPollScenario.Clicks clicks = LongPollScenario.Clicks.queue(api, session, List.of(a.baseUrl()),
                            sample, options.healsPerSecond);
                    agents.awaitDelivered(clicks.clickedAt().keySet(), 60_000);
                    Latencies latency = clicks.deliveryLatencies(agents);
                    Latencies wake = clicks.wakeLatencies(agents::deliveredAt);
                    table.row(options.collectorJar, parkedOn == a ? "A (in process)" : "B (across)", sample.size(),
                            latency.count(), latency.percentileMillis(50), latency.percentileMillis(95),
                            latency.maxMillis(), wake.percentileMillis(50), wake.percentileMillis(95), wake.maxMillis(),
                            clicks.postLatency().percentileMillis(50), agents.duplicates(), agents.errors());
                }
                Collectors.sleep(options.wait * 1000L + 5000);  // the agents' last polls end before the next phase
            }
        }
        return "### wakeup\n\nTwo collectors on one PostgreSQL schema; " + options.heals + " agents hold GET "
                + "/api/v1/commands?wait=" + options.wait + " open on collector A (the floor: woken in process), then "
                + options.heals + " others on collector B only; each time " + options.heals + " heals at "
                + options.healsPerSecond + "/s through collector A (page session). click→agent: from the heal request "
                + "leaving to the command arriving at the agent; heal answered→agent: from the heal request's answer "
                + "(the command committed) to the agent, the wake-up alone.\n\n" + table;
    }
}
