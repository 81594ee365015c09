package dev.mapiagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Throughput and cost per report against the floor of the HTTP stack, in one run under the same client: for each
 * in-flight count, the maximum rate of warm {@code GET /healthz} (routing, the access check, one trivial query, a
 * JSON answer, the request log) and of stored reports, the collector's CPU per request of each and their ratio, and
 * where the rest of the machine's CPU went (the client, PostgreSQL, everything else); then the latency of reports at
 * a fixed rate. The lean client ({@link RawLoad}) keeps its own share small, since it runs on the same cores.
 */
final class CostScenario {

    private static final int[] OK = {200};
    private static final int[] STORED = {201};

    private CostScenario() {
    }

    /** Requests answered and the CPU spent meanwhile. */
    record Cost(Load.Result load, CpuMeter.Used cpu) {
        double millisPerRequest(long nanos) {
            return load.ok() == 0 ? Double.NaN : nanos / 1e6 / load.ok();
        }
    }

    static String run(BenchOptions options, Api api) {
        Markdown rates = new Markdown("database", "in flight", "healthz/s", "reports/s", "reports ÷ healthz",
                "collector CPU ms per healthz", "collector CPU ms per report", "ratio", "of which GC threads, ms per healthz / report",
                "client CPU ms per report",
                "PostgreSQL CPU ms per report", "other CPU ms per report", "mean batch", "errors",
                "load average before → after");
        Markdown fixed = new Markdown("database", "load", "reports/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms",
                "errors", "collector CPU ms per report", "of which GC threads", "client CPU ms per report",
                "load average before → after");
        for (Targets target : Targets.of(options)) {
            try (PostgresSchema schema = target.freshSchema(); Collectors collectors = new Collectors(options, api)) {
                Collectors.Instance collector = collectors.start(Targets.dbUrl(schema));
                if (collector.process() == null) {
                    throw new IllegalArgumentException("cost needs a collector the bench starts (its CPU time), not --url");
                }
                String url = collector.baseUrl();
                Duration warmUp = Duration.ofSeconds(options.warmupSeconds);
                Duration measured = Duration.ofSeconds(options.seconds);
                Fleet fleet = Fleet.enroll(api, List.of(url), collectors.enrollSecret(),
                        "cost-" + Long.toString(System.nanoTime(), 36), options.devices);
                Client client = options.client.equals("jdk") ? new JdkClient(api, url, fleet) : new LeanClient(url, fleet);
                int warmInFlight = options.inFlight().get(0);
                // both warm before either is measured: the JIT compiles the code they share (Jetty, Javalin) once
                client.healthz(warmInFlight, warmUp);
                client.reports(warmInFlight, warmUp);
                for (int inFlight : options.inFlight()) {
                    String loadBefore = loadAverage();
                    Cost floor = measure(collector, () -> client.healthz(inFlight, measured));
                    double batches = api.metric(url, "mapi_ingest_batch_reports_count");
                    double batched = api.metric(url, "mapi_ingest_batch_reports_sum");
                    Cost stored = measure(collector, () -> client.reports(inFlight, measured));
                    double meanBatch = (api.metric(url, "mapi_ingest_batch_reports_sum") - batched)
                            / Math.max(1, api.metric(url, "mapi_ingest_batch_reports_count") - batches);
                    double perHealthz = floor.millisPerRequest(floor.cpu().collector());
                    double perReport = stored.millisPerRequest(stored.cpu().collector());
                    rates.row(target.label(), inFlight, floor.load().perSecond(), stored.load().perSecond(),
                            fixed(stored.load().perSecond() / floor.load().perSecond(), 2), fixed(perHealthz, 3),
                            fixed(perReport, 3), fixed(perReport / perHealthz, 1) + "×",
                            fixed(floor.millisPerRequest(floor.cpu().collectorGc()), 3) + " / "
                                    + fixed(stored.millisPerRequest(stored.cpu().collectorGc()), 3),
                            fixed(stored.millisPerRequest(stored.cpu().client()), 3),
                            fixed(stored.millisPerRequest(stored.cpu().postgres()), 3),
                            fixed(stored.millisPerRequest(stored.cpu().other()), 3), fixed(meanBatch, 1),
                            errors(floor.load(), stored.load()), loadBefore + " → " + loadAverage());
                }
                String loadBefore = loadAverage();
                Cost paced = measure(collector, () -> client.fixedRate(options.concurrency, options.rate, measured));
                Load.Result r = paced.load();
                fixed.row(target.label(), r.label(), r.perSecond(), r.latencies().percentileMillis(50),
                        r.latencies().percentileMillis(99), r.latencies().percentileMillis(99.9),
                        r.latencies().maxMillis(), IngestScenario.errors(r),
                        fixed(paced.millisPerRequest(paced.cpu().collector()), 3),
                        fixed(paced.millisPerRequest(paced.cpu().collectorGc()), 3),
                        fixed(paced.millisPerRequest(paced.cpu().client()), 3), loadBefore + " → " + loadAverage());
            }
        }
        return "### cost per report\n\n" + options.devices + " devices; " + (options.client.equals("jdk")
                ? "java.net.http client (asynchronous, 2 threads); " : "lean client (one thread, keep-alive "
                + "connections, requests serialised beforehand); ") + options.seconds + " s per measurement after "
                + options.warmupSeconds + " s warm-up of each; CPU from /proc over each measurement divided by the "
                + "requests answered: collector = its process (GC threads: its garbage collection threads, by name), client = the bench process, PostgreSQL = every "
                + "postgres process on the machine, other = the machine's remaining busy time (other work on the "
                + "box, the kernel); ratio = collector CPU per report / per healthz.\n\n" + rates
                + "\nFixed rate (latency from each request's due time, " + options.concurrency
                + " connections at most):\n\n" + fixed;
    }

    /** The load client of the run: the same requests, each with its own way of sending them. */
    private interface Client {
        Load.Result healthz(int inFlight, Duration duration);

        Load.Result reports(int inFlight, Duration duration);

        Load.Result fixedRate(int connections, double perSecond, Duration duration);
    }

    /** {@link RawLoad}: one selector thread, requests serialised beforehand. */
    private record LeanClient(String url, byte[] healthzRequest, ReportRequests reportRequests) implements Client {
        LeanClient(String url, Fleet fleet) {
            this(url, RawLoad.healthz(url), new ReportRequests(url, fleet.agents()));
        }

        @Override
        public Load.Result healthz(int inFlight, Duration duration) {
            return RawLoad.closedLoop("healthz", url, inFlight, duration, () -> healthzRequest, OK);
        }

        @Override
        public Load.Result reports(int inFlight, Duration duration) {
            return RawLoad.closedLoop("reports", url, inFlight, duration, reportRequests, STORED);
        }

        @Override
        public Load.Result fixedRate(int connections, double perSecond, Duration duration) {
            return RawLoad.openLoop("fixed " + (int) perSecond + "/s", url, connections, perSecond, duration,
                    reportRequests, STORED);
        }
    }

    /** The java.net.http client of the other scenarios ({@link Api}, {@link Load}), to compare the clients' cost. */
    private record JdkClient(Api api, String url, Fleet fleet) implements Client {
        @Override
        public Load.Result healthz(int inFlight, Duration duration) {
            return Load.closedLoop("healthz", inFlight, duration, () -> api.healthz(url));
        }

        @Override
        public Load.Result reports(int inFlight, Duration duration) {
            return Load.closedLoop("reports", inFlight, duration, () -> fleet.postNextReport(api));
        }

        @Override
        public Load.Result fixedRate(int connections, double perSecond, Duration duration) {
            return Load.openLoop("fixed " + (int) perSecond + "/s", perSecond, duration, () -> fleet.postNextReport(api));
        }
    }

    private static Cost measure(Collectors.Instance collector, Supplier<Load.Result> run) {
        CpuMeter.Sample before = CpuMeter.sample(collector.process());
        Load.Result load = run.get();
        return new Cost(load, CpuMeter.sample(collector.process()).minus(before));
    }

    private static String errors(Load.Result floor, Load.Result reports) {
        long errors = floor.errors() + reports.errors();
        return errors == 0 ? "0" : errors + " (" + (floor.errors() > 0 ? floor.firstError() : reports.firstError()) + ")";
    }

    /** The 1-minute load average (Linux), to put beside the figures: other work on the cores disturbs them. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
