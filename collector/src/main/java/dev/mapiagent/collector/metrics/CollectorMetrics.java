package dev.mapiagent.collector.metrics;

import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.Verdict;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The collector's Prometheus metrics. Device and command gauges are read from the database at scrape time, so
 * every collector sharing a database reports the same fleet numbers; the ingest counter is per instance.
 */
public final class CollectorMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter reportsIngested;
    private final Histogram ingestBatches;

    public CollectorMetrics() {
        reportsIngested = Counter.builder()
                .name("mapi_reports_ingested_total")
                .help("Reports received by this collector, by outcome (stored, duplicate, rejected, busy: refused with 429)")
                .labelNames("outcome")
                .register(registry);
        for (String outcome : new String[] {"stored", "duplicate", "rejected", "busy"}) {
            reportsIngested.labelValues(outcome);
        }
        ingestBatches = Histogram.builder()
                .name("mapi_ingest_batch_reports")
                .help("Reports written per ingest transaction (group commit) on this collector")
                .classicOnly()
                .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
    }

    /** Exposes the enrolled devices by the verdict of their latest report (counts by verdict name). */
    public void countDevicesByVerdict(Supplier<Map<String, Integer>> counts) {
        GaugeWithCallback.builder()
                .name("mapi_devices")
                .help("Enrolled devices by the verdict of their latest report")
                .labelNames("verdict")
                .callback(cb -> {
                    Map<String, Integer> byVerdict = counts.get();
                    for (Verdict v : Verdict.values()) {
                        cb.call(byVerdict.getOrDefault(v.name(), 0), v.name());
                    }
                })
                .register(registry);
    }

    /** Exposes the self-heal commands by status (counts by status id). */
    public void countCommandsByStatus(Supplier<Map<String, Integer>> counts) {
        GaugeWithCallback.builder()
                .name("mapi_commands")
                .help("Self-heal commands by status")
                .labelNames("status")
                .callback(cb -> {
                    Map<String, Integer> byStatus = counts.get();
                    for (CommandStatus s : CommandStatus.values()) {
                        cb.call(byStatus.getOrDefault(s.id(), 0), s.id());
                    }
                })
                .register(registry);
    }

    /** Exposes how many long-polls are parked on this collector. */
    public void countWaiting(java.util.function.IntSupplier waiting) {
        GaugeWithCallback.builder()
                .name("mapi_commands_waiting")
                .help("Agents long-polling GET /api/v1/commands on this collector")
                .callback(cb -> cb.call(waiting.getAsInt()))
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

    public void reportIngested(String outcome) {
        reportsIngested.labelValues(outcome).inc();
    }

    /** The Prometheus text exposition of all metrics. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
