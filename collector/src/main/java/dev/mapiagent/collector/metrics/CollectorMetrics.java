package dev.mapiagent.collector.metrics;

import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Verdict;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The collector's Prometheus metrics. The fleet gauges come from figures computed from the database every few
 * seconds at most, so every collector sharing a database reports the same fleet numbers; the ingest, queue and
 * HTTP figures are per instance.
 */
public final class CollectorMetrics {

    /**
     * The JVM's and the process's metrics (memory, GC, threads, CPU, open files...) from the Prometheus client's
     * instrumentation: one set per process, however many collectors it runs (tests run several).
     */
    private static final PrometheusRegistry PROCESS = new PrometheusRegistry();

    static {
        JvmMetrics.builder().register(PROCESS);
    }

    /** Seconds; long-polls hold GET /api/v1/commands up to 60 s. */
    private static final double[] HTTP_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter reportsIngested;
    private final Histogram ingestBatches;
    private final Histogram httpRequests;

    public CollectorMetrics() {
        reportsIngested = Counter.builder()
                .name("mapi_reports_ingested_total")
                .help("Reports received by this collector, by outcome (stored, duplicate, rejected, busy: refused with 429, "
                        + "failed: not stored for a database error)")
                .labelNames("outcome")
                .register(registry);
        for (String outcome : new String[] {"stored", "duplicate", "rejected", "busy", "failed"}) {
            reportsIngested.labelValues(outcome);
        }
        ingestBatches = Histogram.builder()
                .name("mapi_ingest_batch_reports")
                .help("Reports written per ingest transaction (group commit) on this collector")
                .classicOnly()
                .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        httpRequests = Histogram.builder()
                .name("mapi_http_request_duration_seconds")
                .help("HTTP requests answered by this collector, by method, route template and status")
                .labelNames("method", "route", "status")
                .classicOnly()
                .classicUpperBounds(HTTP_SECONDS)
                .register(registry);
    }

    /**
     * Exposes the fleet gauges: devices by verdict, protocol, endpoint and finding, incidents by side, silent
     * devices, commands by status. The supplier hands out figures computed at most every few seconds (it is called
     * once per gauge and scrape), so a scrape costs no database work of its own.
     */
    public void fleet(Supplier<FleetFigures> figures) {
        gauge("mapi_devices", "Enrolled devices by the verdict of their latest report", "verdict",
                names(Verdict.values()), () -> figures.get().byVerdict());
        gauge("mapi_devices_by_protocol", "Enrolled devices by the protocol of their latest report", "protocol",
                names(MapiProtocol.values()), () -> figures.get().byProtocol());
        gauge("mapi_devices_with_finding", "Devices whose latest report has the finding", "code",
                names(FindingCode.values()), () -> figures.get().byFinding());
        gauge("mapi_incidents", "Open incidents (devices failing alike on one endpoint, or one PC) by side", "side",
                List.of("server", "client", "unclear"), () -> figures.get().incidentsBySide());
        gauge("mapi_commands", "Self-heal commands by status", "status",
                Arrays.stream(CommandStatus.values()).map(CommandStatus::id).toList(),
                () -> figures.get().commandsByStatus());
        GaugeWithCallback.builder()
                .name("mapi_endpoint_devices")
                .help("Devices per MAPI endpoint (the largest few; the rest are \"other\", none named: \"none\"), "
                        + "verdict and protocol")
                .labelNames("endpoint", "verdict", "protocol")
                .callback(cb -> {
                    for (FleetFigures.EndpointDevices e : figures.get().endpoints()) {
                        cb.call(e.devices(), e.endpoint(), e.verdict(), e.protocol());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("mapi_devices_silent")
                .help("Devices not heard from (no report, no poll) for at least this many days")
                .labelNames("days")
                .callback(cb -> figures.get().silentByDays().forEach((days, n) -> cb.call(n, String.valueOf(days))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("mapi_fleet_figures_timestamp_seconds")
                .help("When the fleet gauges were last computed (Unix time); 0 before the first time")
                .callback(cb -> cb.call(figures.get().at().toEpochMilli() / 1000.0))
                .register(registry);
    }

    /** A gauge with one label over a fixed set of values, each read from the map (absent: zero). */
    private void gauge(String name, String help, String label, List<String> values,
                       Supplier<Map<String, Integer>> counts) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames(label)
                .callback(cb -> {
                    Map<String, Integer> byValue = counts.get();
                    for (String value : values) {
                        cb.call(byValue.getOrDefault(value, 0), value);
                    }
                })
                .register(registry);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** Exposes how many long-polls are parked on this collector. */
    public void countWaiting(java.util.function.IntSupplier waiting) {
        GaugeWithCallback.builder()
                .name("mapi_commands_waiting")
                .help("Agents long-polling GET /api/v1/commands on this collector")
                .callback(cb -> cb.call(waiting.getAsInt()))
                .register(registry);
    }

    /**
     * Exposes how many devices of running bulk heals are not started yet (the same on every collector of a database);
     * nothing while the database cannot be read, rather than a failed scrape.
     */
    public void countBulkHealPending(java.util.function.IntSupplier pending) {
        GaugeWithCallback.builder()
                .name("mapi_bulk_heal_pending_devices")
                .help("Devices of running bulk heals whose heal is not queued yet (throttled)")
                .callback(cb -> {
                    try {
                        cb.call(pending.getAsInt());
                    } catch (RuntimeException e) {
                        // the database is unreachable: /healthz and the ingest errors say so
                    }
                })
                .register(registry);
    }

    /** Exposes how many reports wait for this collector's ingest writer. */
    public void countIngestQueue(java.util.function.IntSupplier depth) {
        GaugeWithCallback.builder()
                .name("mapi_ingest_queue_reports")
                .help("Reports accepted by this collector and waiting to be written")
                .callback(cb -> cb.call(depth.getAsInt()))
                .register(registry);
    }

    public void ingestBatch(int reports) {
        ingestBatches.observe(reports);
    }

    /** Records one answered HTTP request under its route template (never the raw path: ids would explode the series). */
    public void httpRequest(String method, String route, int status, double seconds) {
        httpRequests.labelValues(method, route, String.valueOf(status)).observe(seconds);
    }

    public void reportIngested(String outcome) {
        reportsIngested.labelValues(outcome).inc();
    }

    /** The Prometheus text exposition of all metrics: this collector's and the JVM's and process's. */
    public String scrape() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        registry.scrape().forEach(all::metricSnapshot);
        PROCESS.scrape().forEach(all::metricSnapshot);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, all.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
