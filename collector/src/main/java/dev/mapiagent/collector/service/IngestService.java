package dev.mapiagent.collector.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.db.Sql;
import dev.mapiagent.collector.error.BusyException;
import dev.mapiagent.collector.error.CollectorException;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.RefusedException;
import dev.mapiagent.collector.error.ShuttingDownException;
import dev.mapiagent.collector.metrics.CollectorMetrics;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.ProtocolSchema;
import dev.mapiagent.protocol.Report;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Accepts reports: schema check and ownership check at once, then an idempotent store by reportId (with the device's
 * latest state) through a group commit: reports arriving together share one transaction, and each request is
 * answered after the commit that stored its report.
 */
public final class IngestService implements AutoCloseable {

    private static final int MAX_SCHEMA_PROBLEMS_SHOWN = 5;

    /** Reports written in one transaction at most. */
    static final int MAX_BATCH = 256;

    /**
     * The JSON text written in one transaction at most: a batch of 256 reports of 1 MiB each once ran the embedded
     * database out of memory while it flushed, which closed it.
     */
    static final long MAX_BATCH_CHARS = 16L * 1024 * 1024;

    /** Reports waiting for the writer at most, by count and by their JSON text (bodies can reach 1 MiB). */
    static final int QUEUE_CAPACITY = 4096;
    static final long QUEUE_MAX_CHARS = 64L * 1024 * 1024;

    /** What a refused request is told to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final Jdbi jdbi;
    private final CollectorMetrics metrics;
    private final ReportStore store;
    private final GroupCommit<ReportStore.Incoming, Boolean> writer;
    private final AtomicLong queuedChars = new AtomicLong();
    private final ReportBudget budget;

    public IngestService(Jdbi jdbi, Clock clock, CollectorMetrics metrics) {
        this(jdbi, clock, metrics, QUEUE_CAPACITY, MAX_BATCH, ReportBudget.DEFAULT);
    }

    IngestService(Jdbi jdbi, Clock clock, CollectorMetrics metrics, int queueCapacity, int maxBatch,
                  ReportBudget.Limits budget) {
        this.jdbi = jdbi;
        this.budget = new ReportBudget(clock, budget);
        this.metrics = metrics;
        this.store = new ReportStore(clock);
        this.writer = new GroupCommit<>("mapi-ingest", queueCapacity, maxBatch, MAX_BATCH_CHARS,
                incoming -> incoming.body().length(), this::write, metrics::ingestBatch);
        metrics.countIngestQueue(this::queued);
    }

    /** Outcome of one report: stored now, or already stored before (same reportId). */
    public record Ingested(String reportId, boolean duplicate) {
    }

    /**
     * Validates a report an agent posted for its own device and queues it to be stored; the future completes once
     * it is stored. A device past its report budget is refused at once as busy (before any work on the report); bad
     * reports are refused at once (invalid, or refused for another device); a full queue at once as busy, a closing
     * collector as shutting down, all with a time to retry after.
     *
     * @param body the document's JSON text, as stored
     */
    public CompletableFuture<Ingested> ingest(String deviceId, JsonNode document, String body) {
        try {
            budget.charge(deviceId, body.length());
        } catch (BusyException overBudget) {
            metrics.reportIngested("over-budget");
            throw overBudget;
        }
        Report report;
        try {
            report = validated(document, deviceId, "report");
        } catch (CollectorException rejected) {
            metrics.reportIngested("rejected");
            throw rejected;
        }
        if (queuedChars.addAndGet(body.length()) > QUEUE_MAX_CHARS) {
            queuedChars.addAndGet(-body.length());
            throw busy();
        }
        CompletableFuture<Boolean> stored;
        try {
            stored = writer.submit(new ReportStore.Incoming(report, body));
        } catch (RejectedExecutionException refused) {
            queuedChars.addAndGet(-body.length());
            throw writer.isClosed() ? closing() : busy();
        }
        return stored.whenComplete((s, e) -> {
            queuedChars.addAndGet(-body.length());
            if (e != null) {
                metrics.reportIngested("failed");
            }
        }).thenApply(s -> {
            metrics.reportIngested(s ? "stored" : "duplicate");
            return new Ingested(report.reportId(), !s);
        });
    }

    private BusyException busy() {
        metrics.reportIngested("busy");
        return BusyException.tryAgainIn("too many reports queued", RETRY_AFTER_SECONDS);
    }

    private static ShuttingDownException closing() {
        return new ShuttingDownException("collector is shutting down", RETRY_AFTER_SECONDS);
    }

    /**
     * One transaction for the batch; alone, a report whose reportId another transaction stored at the same moment
     * (two connections, two collectors) is a duplicate.
     */
    private List<Boolean> write(List<ReportStore.Incoming> reports) {
        try {
            return jdbi.inTransaction(h -> store.storeAll(h, reports));
        } catch (RuntimeException e) {
            if (reports.size() == 1 && Sql.isUniqueViolation(e)) {
                return List.of(false);
            }
            throw e;
        }
    }

    /**
     * The document as a report, after the schema check; invalid on a schema violation, refused when it names another device.
     *
     * @param what how error messages name the document ("report", "before", "after")
     */
    public static Report validated(JsonNode document, String deviceId, String what) {
        List<String> problems = ProtocolSchema.REPORT.validate(document);
        if (!problems.isEmpty()) {
            String shown = problems.stream().limit(MAX_SCHEMA_PROBLEMS_SHOWN).collect(Collectors.joining("; "));
            String more = problems.size() > MAX_SCHEMA_PROBLEMS_SHOWN
                    ? " (and " + (problems.size() - MAX_SCHEMA_PROBLEMS_SHOWN) + " more)" : "";
            throw new InvalidException(what + " does not match the report schema", shown + more);
        }
        Report report;
        try {
            report = ProtocolJson.mapper().treeToValue(document, Report.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidException(what + " is not a valid report", e.getMessage().lines().findFirst().orElse(""));
        }
        if (!report.deviceId().equals(deviceId)) {
            throw new RefusedException(what + " is for another device",
                    "this token belongs to device " + deviceId + ", the report names " + report.deviceId());
        }
        return report;
    }

    /**
     * Stores the report in the caller's transaction (not through the queue) unless its reportId is already stored;
     * makes it the device's latest state when it is newer than the current one.
     *
     * @return false when the report was already stored
     */
    public boolean store(Handle handle, Report report, JsonNode document) {
        return store.storeAll(handle, List.of(new ReportStore.Incoming(report, document.toString()))).get(0);
    }

    /** Reports waiting for the writer now. */
    public int queued() {
        return writer.depth();
    }

    /** Stores and answers every queued report, refusing new ones (shutting down) meanwhile. */
    @Override
    public void close() {
        writer.close();
    }
}
