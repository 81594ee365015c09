package dev.mapiagent.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.protocol.Command;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Parked long-polls without a database: the wake-ups, the waits ending, and the two meeting. */
class CommandWaitersTest {

    private static final Duration NO_RECHECK = Duration.ofHours(1);

    @Test
    void aWakeUpDuringADeliveryThatFoundNothingRepeatsItAndTheWaitStillEnds() throws Exception {
        CountDownLatch firstLookStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger looks = new AtomicInteger();
        try (CommandWaiters waiters = new CommandWaiters(device -> {
            int look = looks.incrementAndGet();
            if (look == 2) {
                firstLookStarted.countDown();
                await(release);
            }
            return List.of();
        }, lookBack -> List.of(), NO_RECHECK)) {
            CompletableFuture<List<Command>> poll = waiters.await("dev-1", Duration.ofMillis(500));
            waiters.wake("dev-1");
            assertTrue(firstLookStarted.await(5, TimeUnit.SECONDS));
            waiters.wake("dev-1");  // arrives while the woken look runs
            Thread.sleep(100);
            release.countDown();

            assertEquals(List.of(), poll.get(5, TimeUnit.SECONDS), "answered when its wait ends");
            assertEquals(3, looks.get(), "the first look, the woken one, and its repeat");
            assertEquals(0, waiters.waiting());
        }
    }

    @Test
    void aWaitEndingDuringADeliveryIsAnsweredByThatDelivery() throws Exception {
        CountDownLatch lookStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger looks = new AtomicInteger();
        try (CommandWaiters waiters = new CommandWaiters(device -> {
            if (looks.incrementAndGet() == 2) {
                lookStarted.countDown();
                await(release);
            }
            return List.of();
        }, lookBack -> List.of(), NO_RECHECK)) {
            CompletableFuture<List<Command>> poll = waiters.await("dev-1", Duration.ofMillis(200));
            waiters.wake("dev-1");
            assertTrue(lookStarted.await(5, TimeUnit.SECONDS));
            Thread.sleep(400);  // the wait ends while the look runs
            release.countDown();

            assertEquals(List.of(), poll.get(5, TimeUnit.SECONDS));
            assertEquals(0, waiters.waiting());
        }
    }

    @Test
    void aRecheckAfterReconnectingLooksBackOverTheOutagePlusTheMargin() throws Exception {
        CompletableFuture<Duration> askedFor = new CompletableFuture<>();
        try (CommandWaiters waiters = new CommandWaiters(device -> List.of(), lookBack -> {
            askedFor.complete(lookBack);
            return List.of();
        }, NO_RECHECK)) {
            waiters.await("dev-1", Duration.ofSeconds(5));
            waiters.recheckSince(Duration.ofSeconds(3));

            assertEquals(Duration.ofSeconds(3).plus(CommandWaiters.RECHECK_MARGIN), askedFor.get(5, TimeUnit.SECONDS));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
