package dev.mapiagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The collector's own CPU per request, measured in one run under the same client: per warm {@code GET /healthz}
 * (the floor of this HTTP stack: routing, the access check, one trivial query, a JSON answer, the request log) and
 * per stored report, and their ratio. Shared cores disturb a ratio less than reports/s: both figures divide the
 * collector process's CPU time (utime + stime of its /proc entry) by the requests it answered meanwhile.
 */
final class CostScenario {

    private CostScenario() {
    }

    /** Requests answered and the collector's CPU spent meanwhile. */
    record Cost(Load.Result load, Duration cpu) {
        double cpuMillisPerRequest() {
            return load.ok() == 0 ? Double.NaN : cpu.toNanos() / 1e6 / load.ok();
        }
    }

    static String run(BenchOptions options, Api api) {
        Markdown table = new Markdown("database", "healthz/s", "CPU ms per healthz", "reports/s", "CPU ms per report",
                "ratio", "mean batch", "errors", "load average before → after");
        for (Targets target : Targets.of(options)) {
            try (PostgresSchema schema = target.freshSchema(); Collectors collectors = new Collectors(options, api)) {
                Collectors.Instance collector = collectors.start(Targets.dbUrl(schema));
                if (collector.process() == null) {
                    throw new IllegalArgumentException("cost needs a collector the bench starts (its CPU time), not --url");
                }
                String loadBefore = loadAverage();
                String url = collector.baseUrl();
                Duration warmUp = Duration.ofSeconds(options.warmupSeconds);
                Duration measured = Duration.ofSeconds(options.seconds);
                Fleet fleet = Fleet.enroll(api, List.of(url), collectors.enrollSecret(),
                        "cost-" + Long.toString(System.nanoTime(), 36), options.devices);
                // both warm before either is measured: the JIT compiles the code they share (Jetty, Javalin) once
                measure(collector, options.concurrency, warmUp, () -> api.healthz(url));
                measure(collector, options.concurrency, warmUp, () -> fleet.postNextReport(api));
                Cost floor = measure(collector, options.concurrency, measured, () -> api.healthz(url));
                double batches = api.metric(url, "mapi_ingest_batch_reports_count");
                double batched = api.metric(url, "mapi_ingest_batch_reports_sum");
                Cost reports = measure(collector, options.concurrency, measured, () -> fleet.postNextReport(api));
                double meanBatch = (api.metric(url, "mapi_ingest_batch_reports_sum") - batched)
                        / Math.max(1, api.metric(url, "mapi_ingest_batch_reports_count") - batches);
                table.row(target.label(), floor.load().perSecond(), fixed(floor.cpuMillisPerRequest(), 3),
                        reports.load().perSecond(), fixed(reports.cpuMillisPerRequest(), 3),
                        fixed(reports.cpuMillisPerRequest() / floor.cpuMillisPerRequest(), 1) + "×",
                        fixed(meanBatch, 1), floor.load().errors() + reports.load().errors(),
                        loadBefore + " → " + loadAverage());
            }
        }
        return "### cost per report\n\n" + options.devices + " devices, " + options.concurrency + " requests in flight, "
                + options.seconds + " s per measurement after " + options.warmupSeconds + " s warm-up of each; CPU = the "
                + "collector process's utime + stime over the measurement, divided by the requests answered; ratio = "
                + "CPU per report / CPU per healthz.\n\n" + table;
    }

    private static Cost measure(Collectors.Instance collector, int concurrency, Duration duration,
                                Supplier<CompletableFuture<?>> next) {
        long before = cpuNanos(collector);
        Load.Result load = Load.closedLoop("cost", concurrency, duration, next);
        return new Cost(load, Duration.ofNanos(cpuNanos(collector) - before));
    }

    /** The process's CPU time (user + system), as the JDK reads it from /proc on Linux. */
    private static long cpuNanos(Collectors.Instance collector) {
        return collector.process().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not report the collector's CPU time"))
                .toNanos();
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
