package dev.mapiagent.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /**
     * Writes items by upper-casing them; refuses (throws for) any batch holding "bad"; the first write waits until
     * released, so a test can fill the queue behind it and know exactly what the next batch holds.
     */
    private static final class HeldWriter implements GroupCommit.Writer<String, String> {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<String> write(List<String> items) {
            writing.countDown();
            await(release);
            batches.add(List.copyOf(items));
            if (items.contains("bad")) {
                throw new IllegalStateException("bad item");
            }
            return items.stream().map(String::toUpperCase).toList();
        }
    }

    private final HeldWriter writer = new HeldWriter();
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private GroupCommit<String, String> commit;

    private GroupCommit<String, String> start(int capacity) {
        return start(capacity, Long.MAX_VALUE);
    }

    /** Items are sized by their length. */
    private GroupCommit<String, String> start(int capacity, long maxBatchSize) {
        commit = new GroupCommit<>("test", capacity, 100, maxBatchSize, String::length, writer, batchSizes::add);
        return commit;
    }

    @AfterEach
    void stop() {
        writer.release.countDown();
        if (commit != null) {
            commit.close();
        }
    }

    /** Queues one item and waits until the writer holds it, so later items queue up behind it. */
    private CompletableFuture<String> holdWriter() {
        CompletableFuture<String> first = commit.submit("first");
        await(writer.writing);
        return first;
    }

    @Test
    void itemsQueuedTogetherAreWrittenInOneBatchAndEachAnsweredWithItsOwnOutcome() throws Exception {
        start(10);
        CompletableFuture<String> first = holdWriter();
        CompletableFuture<String> a = commit.submit("a");
        CompletableFuture<String> b = commit.submit("b");
        writer.release.countDown();
        assertEquals("FIRST", get(first));
        assertEquals("A", get(a));
        assertEquals("B", get(b));
        assertEquals(List.of(List.of("first"), List.of("a", "b")), writer.batches);
        assertEquals(List.of(1, 2), batchSizes);
    }

    @Test
    void aBatchIsBoundedByTheItemsTotalSizeAndAnOversizedItemGoesAlone() throws Exception {
        start(10, 10);
        CompletableFuture<String> first = holdWriter();
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (String item : List.of("aaaaaa", "bbbb", "cccccccccccc", "dd", "ee")) {
            queued.add(commit.submit(item));
        }
        writer.release.countDown();
        get(first);
        for (CompletableFuture<String> item : queued) {
            get(item);
        }
        assertEquals(List.of(List.of("first"), List.of("aaaaaa", "bbbb"), List.of("cccccccccccc"), List.of("dd", "ee")),
                writer.batches);
    }

    @Test
    void aFailingItemDoesNotFailItsBatchMates() throws Exception {
        start(10);
        CompletableFuture<String> first = holdWriter();
        CompletableFuture<String> a = commit.submit("a");
        CompletableFuture<String> bad = commit.submit("bad");
        CompletableFuture<String> c = commit.submit("c");
        writer.release.countDown();
        assertEquals("FIRST", get(first));
        assertEquals("A", get(a));
        assertEquals("C", get(c));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> get(bad));
        assertEquals("bad item", failed.getCause().getMessage());
        assertEquals(List.of(List.of("first"), List.of("a", "bad", "c"), List.of("a"), List.of("bad"), List.of("c")),
                writer.batches, "the failed batch is written again one item at a time");
    }

    @Test
    void aFullQueueRefusesMoreItems() throws Exception {
        start(2);
        CompletableFuture<String> first = holdWriter();
        CompletableFuture<String> a = commit.submit("a");
        CompletableFuture<String> b = commit.submit("b");
        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class, () -> commit.submit("c"));
        assertEquals("queue full", refused.getMessage());
        assertEquals(2, commit.depth());
        writer.release.countDown();
        assertEquals(List.of("FIRST", "A", "B"), List.of(get(first), get(a), get(b)));
    }

    @Test
    void closingWritesAndAnswersEverythingQueuedAndRefusesNewItems() throws Exception {
        start(10);
        CompletableFuture<String> first = holdWriter();
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(commit.submit("item" + i));
        }
        Thread closing = new Thread(commit::close);
        closing.start();
        while (!commit.isClosed()) {
            Thread.onSpinWait();
        }
        assertThrows(RejectedExecutionException.class, () -> commit.submit("late"));
        writer.release.countDown();
        closing.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(first.isDone() && queued.stream().allMatch(CompletableFuture::isDone), "answered before close returned");
        for (int i = 0; i < 5; i++) {
            assertEquals("ITEM" + i, queued.get(i).getNow(null));
        }
        assertEquals(0, commit.depth());
    }

    private static String get(CompletableFuture<String> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
