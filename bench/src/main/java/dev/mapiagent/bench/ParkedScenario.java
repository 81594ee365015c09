package dev.mapiagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waiting agents: N resident agents hold a long-poll open on one collector (plain sockets from many loopback
 * addresses, {@link RawPollers}). Measured: the collector's memory and threads with none and with all of them
 * parked, its answers to other requests meanwhile (against the same requests with nothing parked), and the time
 * from a helpdesk click to the command reaching the agent.
 */
final class ParkedScenario {

    /** Below the collector's bound of connections per client address (2,000). */
    static final int PER_ADDRESS = 1500;

    private ParkedScenario() {
    }

    static String run(BenchOptions options, Api api) {
        if (options.url != null) {
            return "### parked\n\nskipped: measures the collector process it starts (no --url)\n";
        }
        Markdown memory = new Markdown("database", "agents parked", "RSS MiB", "heap after full GC MiB", "threads",
                "open files", "RSS KiB per parked poll", "heap KiB per parked poll");
        Markdown answers = new Markdown("database", "agents parked", "GET /healthz p50 ms", "p95 ms",
                "GET /api/v1/devices?limit=50 p50 ms", "p95 ms");
        Markdown clicks = new Markdown("database", "agents parked", "heals", "delivered", "click→agent p50 ms",
                "p95 ms", "max ms", "duplicates", "poll errors", "reconnects");
        StringBuilder histograms = new StringBuilder();
        for (Targets target : Targets.of(options)) {
            try (PostgresSchema schema = target.freshSchema(); Collectors collectors = new Collectors(options, api)) {
                Collectors.Instance collector = collectors.start(Targets.dbUrl(schema));
                String url = collector.baseUrl();
                Fleet fleet = Fleet.enroll(api, List.of(url), collectors.enrollSecret(),
                        "park-" + Long.toString(System.nanoTime(), 36), options.agents);
                Api.Session session = api.login(url, collectors.adminPassword());
                Figures idle = Figures.of(collector);
                Histogram idleHistogram = Histogram.of(collector);
                Latencies[] idleAnswers = answers(api, session, url);
                memory.row(target.label(), 0, idle.rssMiB(), idle.heapMiB(), idle.threads(), idle.files(), "", "");
                answers.row(target.label(), 0, idleAnswers[0].percentileMillis(50), idleAnswers[0].percentileMillis(95),
                        idleAnswers[1].percentileMillis(50), idleAnswers[1].percentileMillis(95));
                try (RawPollers agents = new RawPollers(url, fleet.agents(), options.wait, PER_ADDRESS)) {
                    awaitParked(api, url, options.agents);
                    // Every connection re-polls once before measuring: a keep-alive connection's state after its
                    // second request (e.g. a header cache) is what a resident agent's connection holds.
                    Collectors.sleep((options.wait + 10) * 1000L);
                    int parked = awaitParked(api, url, options.agents);
                    Figures full = Figures.of(collector);
                    histograms.append("\n").append(target.label()).append(", ").append(parked).append(" parked: the ")
                            .append("classes that grew most on the heap against none parked, per parked poll (jcmd ")
                            .append("GC.class_histogram, both after a full GC):\n\n")
                            .append(Histogram.growth(idleHistogram, Histogram.of(collector), parked, 12));
                    memory.row(target.label(), parked, full.rssMiB(), full.heapMiB(), full.threads(), full.files(),
                            String.format("%.1f", (full.rssKiB - idle.rssKiB) / (double) parked),
                            String.format("%.1f", (full.heapKiB - idle.heapKiB) / (double) parked));
                    Latencies[] parkedAnswers = answers(api, session, url);
                    answers.row(target.label(), parked, parkedAnswers[0].percentileMillis(50),
                            parkedAnswers[0].percentileMillis(95), parkedAnswers[1].percentileMillis(50),
                            parkedAnswers[1].percentileMillis(95));
                    LongPollScenario.Clicks queued = LongPollScenario.Clicks.queue(api, session, List.of(url),
                            LongPollScenario.sample(fleet.agents(), options.heals), options.healsPerSecond);
                    agents.awaitDelivered(queued.clickedAt().keySet(), 60_000);
                    Latencies latency = LongPollScenario.Clicks.latencies(queued.clickedAt(), agents::deliveredAt);
                    clicks.row(target.label(), parked, queued.clickedAt().size(), latency.count(),
                            latency.percentileMillis(50), latency.percentileMillis(95), latency.maxMillis(),
                            agents.duplicates(), agents.errors(), agents.reconnects());
                }
            }
        }
        return "### parked\n\n" + options.agents + " agents (plain sockets, " + PER_ADDRESS + " per loopback source "
                + "address) each hold GET /api/v1/commands?wait=" + options.wait + "±5 open on one collector ("
                + options.collectorJvmOptions + "), re-polling at once when answered; first with none parked, then "
                + "with all parked, measured once every agent has polled again on its connection. Heap after a full "
                + "GC (jcmd GC.run, GC.heap_info); other requests timed one at a time (200 × /healthz, 50 × the "
                + "device list) with none and with all parked; then " + options.heals + " heals at "
                + options.healsPerSecond + "/s through the helpdesk API.\n\n" + memory + "\n" + answers
                + "\n" + clicks + histograms;
    }

    /**
     * Waits until 99 % of the agents are parked at once (the others are between two polls), for 10 minutes at most; a
     * collector too busy to answer /metrics in time is asked again. Returns the count parked.
     */
    private static int awaitParked(Api api, String url, int agents) {
        long deadline = System.currentTimeMillis() + 600_000;
        int parked = 0;
        while (parked < agents * 0.99) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + parked + " of " + agents + " long-polls parked at " + url);
            }
            Collectors.sleep(1000);
            try {
                parked = (int) api.metric(url, "mapi_commands_waiting");
            } catch (RuntimeException slow) {
                System.err.println("parked: /metrics did not answer (" + slow.getMessage() + "), asking again");
            }
        }
        return parked;
    }

    /** 200 × GET /healthz and 50 × the first device-list page, one at a time. */
    private static Latencies[] answers(Api api, Api.Session session, String url) {
        Latencies health = new Latencies();
        for (int i = 0; i < 200; i++) {
            long t0 = System.nanoTime();
            api.healthy(url);
            health.add(System.nanoTime() - t0);
        }
        Latencies devices = new Latencies();
        for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            api.get(session, "/api/v1/devices?limit=50").join();
            devices.add(System.nanoTime() - t0);
        }
        return new Latencies[] {health, devices};
    }

    /** Instances and bytes per class on the collector's heap ({@code jcmd GC.class_histogram}, after a full GC). */
    record Histogram(Map<String, long[]> classes) {

        private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

        static Histogram of(Collectors.Instance collector) {
            Map<String, long[]> classes = new HashMap<>();
            collector.jcmd("GC.class_histogram").lines().map(LINE::matcher).filter(Matcher::find)
                    .forEach(m -> classes.put(m.group(3),
                            new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))}));
            return new Histogram(classes);
        }

        /** The {@code top} classes whose bytes grew most from {@code before} to {@code after}, per parked poll. */
        static Markdown growth(Histogram before, Histogram after, int parked, int top) {
            Markdown table = new Markdown("class", "instances per parked poll", "bytes per parked poll");
            after.classes.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[1]
                            - before.classes.getOrDefault(e.getKey(), new long[2])[1])))
                    .limit(top)
                    .forEach(e -> {
                        long[] was = before.classes.getOrDefault(e.getKey(), new long[2]);
                        table.row("`" + e.getKey() + "`",
                                String.format("%.2f", (e.getValue()[0] - was[0]) / (double) parked),
                                String.format("%.0f", (e.getValue()[1] - was[1]) / (double) parked));
                    });
            return table;
        }
    }

    /** The collector process's memory after a full GC, threads and open files. */
    record Figures(long rssKiB, long heapKiB, long threads, long files) {

        private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

        static Figures of(Collectors.Instance collector) {
            collector.jcmd("GC.run");
            Matcher used = HEAP_USED.matcher(collector.jcmd("GC.heap_info"));
            long heap = used.find() ? Long.parseLong(used.group(1)) : -1;
            Path proc = Path.of("/proc", Long.toString(collector.process().pid()));
            try (var fds = Files.list(proc.resolve("fd"))) {
                List<String> status = Files.readAllLines(proc.resolve("status"));
                return new Figures(field(status, "VmRSS:"), heap, field(status, "Threads:"), fds.count());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + proc, e);
            }
        }

        private static long field(List<String> status, String name) {
            return status.stream().filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0])).orElse(-1L);
        }

        long rssMiB() {
            return rssKiB / 1024;
        }

        long heapMiB() {
            return heapKiB / 1024;
        }
    }
}
