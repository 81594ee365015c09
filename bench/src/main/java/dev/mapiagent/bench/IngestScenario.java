package dev.mapiagent.bench;

import java.time.Duration;
import java.util.List;

/** Reports per second at the maximum rate, and latency at a fixed rate, on each database. */
final class IngestScenario {

    private IngestScenario() {
    }

    static String run(BenchOptions options, Api api) {
        Markdown table = new Markdown("database", "load", "reports/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors",
                "collector after");
        for (Targets target : Targets.of(options)) {
            try (PostgresSchema schema = target.freshSchema(); Collectors collectors = new Collectors(options, api)) {
                Collectors.Instance collector = collectors.start(Targets.dbUrl(schema));
                Fleet fleet = Fleet.enroll(api, List.of(collector.baseUrl()), collectors.enrollSecret(),
                        "ingest-" + Long.toString(System.nanoTime(), 36), options.devices);
                String url = collector.baseUrl();
                ReportRequests reports = new ReportRequests(url, fleet.agents());
                RawLoad.closedLoop("warm-up", url, options.concurrency, Duration.ofSeconds(options.warmupSeconds),
                        reports, 201);
                Load.Result max = RawLoad.closedLoop("maximum rate, " + options.concurrency + " in flight", url,
                        options.concurrency, Duration.ofSeconds(options.seconds), reports, 201);
                Load.Result fixed = RawLoad.openLoop("fixed " + options.rate + "/s", url, options.concurrency,
                        options.rate, Duration.ofSeconds(options.seconds), reports, 201);
                for (Load.Result r : List.of(max, fixed)) {
                    table.row(target.label(), r.label(), r.perSecond(), r.latencies().percentileMillis(50),
                            r.latencies().percentileMillis(99), r.latencies().percentileMillis(99.9),
                            r.latencies().maxMillis(), errors(r), collector.residentMemory());
                }
            }
        }
        return "### ingest\n\n" + options.devices + " devices, " + options.seconds + " s per run after "
                + options.warmupSeconds + " s warm-up; lean client (one thread, " + options.concurrency
                + " keep-alive connections, requests serialised beforehand); latency = POST /api/v1/reports until "
                + "the 201, at the fixed rate from when the request was due.\n\n" + table;
    }

    static String errors(Load.Result r) {
        return r.errors() == 0 ? "0" : r.errors() + " (" + r.firstError() + ")";
    }
}
