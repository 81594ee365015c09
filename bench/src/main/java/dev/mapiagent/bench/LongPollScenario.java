package dev.mapiagent.bench;

import dev.mapiagent.bench.Api.Agent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Remote self-heal latency: N resident agents long-poll one collector; the helpdesk queues heals for a sample of
 * them and the time from the click (the heal request leaving) to the command reaching the agent is measured.
 */
final class LongPollScenario {

    private LongPollScenario() {
    }

    static String run(BenchOptions options, Api api) {
        Markdown table = new Markdown("database", "agents parked", "collector while parked", "heals", "delivered",
                "click→agent p50 ms", "p95 ms", "max ms", "heal POST p50 ms", "duplicates", "poll errors");
        for (Targets target : Targets.of(options)) {
            try (PostgresSchema schema = target.freshSchema(); Collectors collectors = new Collectors(options, api)) {
                Collectors.Instance collector = collectors.start(Targets.dbUrl(schema));
                String url = collector.baseUrl();
                Fleet fleet = Fleet.enroll(api, List.of(url), collectors.enrollSecret(),
                        "poll-" + Long.toString(System.nanoTime(), 36), options.agents);
                try (PollingAgents agents = new PollingAgents(api, fleet.agents(), List.of(url), options.wait)) {
                    PollingAgents.awaitParked(api, url, options.agents, 120_000);
                    String memory = collector.residentMemory();
                    Clicks clicks = Clicks.queue(api, api.login(url, collectors.adminPassword()), List.of(url),
                            sample(fleet.agents(), options.heals), options.healsPerSecond);
                    agents.awaitDelivered(clicks.clickedAt().keySet(), 30_000);
                    Latencies latency = clicks.deliveryLatencies(agents);
                    table.row(target.label(), options.agents, memory, options.heals, latency.count(),
                            latency.percentileMillis(50), latency.percentileMillis(95), latency.maxMillis(),
                            clicks.postLatency().percentileMillis(50), agents.duplicates(), agents.errors());
                }
            }
        }
        return "### longpoll\n\n" + options.agents + " agents each hold GET /api/v1/commands?wait=" + options.wait
                + " open (re-polling at once when answered); " + options.heals + " heals at " + options.healsPerSecond
                + "/s through the helpdesk API (page session).\n\n" + table;
    }

    static List<Agent> sample(List<Agent> agents, int count) {
        List<Agent> shuffled = new ArrayList<>(agents);
        Collections.shuffle(shuffled, new Random(7));
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    /** Heals queued at a steady rate: when each was clicked, when its request was answered (queued), and how long each took. */
    record Clicks(Map<String, Long> clickedAt, Map<String, Long> answeredAt, Latencies postLatency) {

        static Clicks queue(Api api, Api.Session session, List<String> urls, List<Agent> agents, int perSecond) {
            Map<String, Long> clickedAt = new HashMap<>();
            Map<String, Long> answeredAt = new HashMap<>();
            Latencies post = new Latencies();
            long period = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            for (int i = 0; i < agents.size(); i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Collectors.sleep(wait / 1_000_000);
                }
                long t0 = System.nanoTime();
                String commandId = api.heal(session, urls.get(i % urls.size()), agents.get(i).deviceId()).join();
                long t1 = System.nanoTime();
                post.add(t1 - t0);
                clickedAt.put(commandId, t0);
                answeredAt.put(commandId, t1);
            }
            return new Clicks(clickedAt, answeredAt, post);
        }

        Latencies deliveryLatencies(PollingAgents agents) {
            return latencies(clickedAt, agents::deliveredAt);
        }

        /** From the heal request's answer (the command committed) to the agent: the wake-up alone. */
        Latencies wakeLatencies(java.util.function.Function<String, Long> deliveredAt) {
            return latencies(answeredAt, deliveredAt);
        }

        static Latencies latencies(Map<String, Long> from, java.util.function.Function<String, Long> deliveredAt) {
            Latencies latencies = new Latencies();
            from.forEach((id, t0) -> {
                Long at = deliveredAt.apply(id);
                if (at != null) {
                    latencies.add(at - t0);
                }
            });
            return latencies;
        }
    }
}
