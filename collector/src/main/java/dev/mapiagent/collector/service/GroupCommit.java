package dev.mapiagent.collector.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.ToLongFunction;

/**
 * Group commit: callers queue items and get a future; one writer thread takes what is queued (up to a batch) and
 * writes it in one go, so many requests share one transaction and one commit. A batch is bounded by count and by
 * the items' total size (a transaction of many large items must not run the database out of memory while it
 * flushes); an item larger than the size bound is written alone. A future completes only after its
 * item's write committed, so nothing is acknowledged before it is stored.
 *
 * <p>When a batch fails, each of its items is written again on its own: one bad item fails only itself. The
 * futures are completed on a small pool of their own, so answering the requests (the HTTP responses run in the
 * completing thread) never holds up the next batch.
 *
 * @param <T> what is written
 * @param <R> the outcome of writing one item
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    /** Writes items in one transaction: all or none; the outcomes in the items' order. */
    @FunctionalInterface
    public interface Writer<T, R> {
        List<R> write(List<T> items);
    }

    private record Queued<T, R>(T item, CompletableFuture<R> result) {
    }

    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final BlockingQueue<Queued<T, R>> queue;
    private final int maxBatch;
    private final long maxBatchSize;
    private final ToLongFunction<T> sizeOf;
    private final Writer<T, R> writer;
    private final IntConsumer batchWritten;
    private final Thread thread;
    private final ExecutorService replies;
    private volatile boolean closed;

    /**
     * @param name         names the threads
     * @param capacity     items queued at most; {@link #submit} refuses more
     * @param maxBatch     items written in one transaction at most
     * @param maxBatchSize total size of the items written in one transaction at most (by {@code sizeOf})
     * @param batchWritten told the size of each batch taken from the queue
     */
    public GroupCommit(String name, int capacity, int maxBatch, long maxBatchSize, ToLongFunction<T> sizeOf,
                       Writer<T, R> writer, IntConsumer batchWritten) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.maxBatchSize = maxBatchSize;
        this.sizeOf = sizeOf;
        this.writer = writer;
        this.batchWritten = batchWritten;
        AtomicInteger replyThreads = new AtomicInteger();
        this.replies = Executors.newFixedThreadPool(2, r -> daemon(r, name + "-reply-" + replyThreads.incrementAndGet()));
        this.thread = daemon(this::run, name + "-writer");
        thread.start();
    }

    /**
     * Queues the item; the future completes once it is written (or its write failed).
     *
     * @throws RejectedExecutionException when the queue is full or the writer is closed (see {@link #isClosed})
     */
    public CompletableFuture<R> submit(T item) {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        Queued<T, R> queued = new Queued<>(item, new CompletableFuture<>());
        if (!queue.offer(queued)) {
            throw new RejectedExecutionException("queue full");
        }
        // closed while offering: the writer may have drained and gone already, so take it back unless it was taken
        if (closed && queue.remove(queued)) {
            throw new RejectedExecutionException("closed");
        }
        return queued.result();
    }

    /** Items waiting for the writer now. */
    public int depth() {
        return queue.size();
    }

    public boolean isClosed() {
        return closed;
    }

    private void run() {
        List<Queued<T, R>> batch = new ArrayList<>(maxBatch);
        while (true) {
            Queued<T, R> first;
            try {
                first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll();
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.add(first);
            takeMore(batch, sizeOf.applyAsLong(first.item()));
            batchWritten.accept(batch.size());
            writeBatch(batch);
            batch.clear();
        }
    }

    /** Adds queued items to the batch while it stays within both bounds (this thread alone takes from the queue). */
    private void takeMore(List<Queued<T, R>> batch, long batchSize) {
        long size = batchSize;
        Queued<T, R> next;
        while (batch.size() < maxBatch && (next = queue.peek()) != null) {
            long nextSize = sizeOf.applyAsLong(next.item());
            if (size + nextSize > maxBatchSize) {
                return;
            }
            batch.add(queue.poll());
            size += nextSize;
        }
    }

    private void writeBatch(List<Queued<T, R>> batch) {
        List<R> outcomes;
        try {
            outcomes = writer.write(batch.stream().map(Queued::item).toList());
        } catch (RuntimeException | Error failed) {
            if (batch.size() == 1) {
                fail(batch.get(0), failed);
            } else {
                batch.forEach(this::writeAlone);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), outcomes.get(i));
        }
    }

    private void writeAlone(Queued<T, R> queued) {
        try {
            complete(queued, writer.write(List.of(queued.item())).get(0));
        } catch (RuntimeException | Error failed) {
            fail(queued, failed);
        }
    }

    private void complete(Queued<T, R> queued, R outcome) {
        replies.execute(() -> queued.result().complete(outcome));
    }

    private void fail(Queued<T, R> queued, Throwable failure) {
        replies.execute(() -> queued.result().completeExceptionally(failure));
    }

    /** Refuses new items, writes and answers every item already queued, then stops the threads. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(CLOSE_WAIT.toMillis());
            replies.shutdown();
            replies.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
