package dev.mapiagent.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Drives asynchronous requests: closed loop (a fixed number in flight, as fast as answered) or open loop (fixed rate). */
final class Load {

    private Load() {
    }

    /** What a load run did: successes, failures (with the first one's message), duration and latencies. */
    record Result(String label, long ok, long errors, double seconds, Latencies latencies, String firstError) {
        double perSecond() {
            return ok / seconds;
        }
    }

    private static final class Tally {
        final Latencies latencies = new Latencies();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();

        void record(long startNanos, Throwable failure) {
            if (failure == null) {
                latencies.add(System.nanoTime() - startNanos);
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                firstError.compareAndSet(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        }

        Result result(String label, long startNanos) {
            return new Result(label, ok.get(), errors.get(), (System.nanoTime() - startNanos) / 1e9, latencies,
                    firstError.get());
        }
    }

    /**
     * Keeps {@code concurrency} requests in flight until {@code next} has no more work (returns null) or the time
     * limit passes.
     */
    static Result closedLoop(String label, int concurrency, Duration limit, Supplier<CompletableFuture<?>> next) {
        Tally tally = new Tally();
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            chain(tally, end, next, finished);
        }
        await(finished, limit.plusSeconds(60));
        return tally.result(label, start);
    }

    private static void chain(Tally tally, long end, Supplier<CompletableFuture<?>> next, CountDownLatch finished) {
        CompletableFuture<?> request = System.nanoTime() < end ? next.get() : null;
        if (request == null) {
            finished.countDown();
            return;
        }
        long t0 = System.nanoTime();
        request.whenComplete((v, e) -> {
            tally.record(t0, e);
            chain(tally, end, next, finished);
        });
    }

    /**
     * Starts requests at a fixed rate for the duration, whatever the answers (open loop); each latency counts from
     * the moment its request was due, so a stalled server shows up in the figures instead of slowing the load.
     */
    static Result openLoop(String label, double perSecond, Duration duration, Supplier<CompletableFuture<?>> next) {
        Tally tally = new Tally();
        long total = Math.round(perSecond * duration.toSeconds());
        long period = Math.round(1e9 / perSecond);
        CountDownLatch answered = new CountDownLatch((int) total);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            next.get().whenComplete((v, e) -> {
                tally.record(due, e);
                answered.countDown();
            });
        }
        await(answered, Duration.ofSeconds(60));
        return tally.result(label, start);
    }

    private static void await(CountDownLatch latch, Duration limit) {
        try {
            if (!latch.await(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("requests still unanswered after " + limit.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
