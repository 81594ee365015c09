package dev.mapiagent.collector.service;

import dev.mapiagent.protocol.Command;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The long-polls of {@code GET /api/v1/commands?wait=N}: a request with nothing to deliver is parked here as a
 * future (no thread waits) and completed when a heal is queued for its device (or one delivered earlier is due for
 * redelivery), or with no commands when its wait ends.
 *
 * <p>Wake-ups come from three sources: this collector queueing a heal ({@link #wake}, at once); on PostgreSQL, the
 * database's notification that any collector queued one ({@link #wake} again, from the notification listener); and a
 * safety net, one shared re-check every {@code recheckEvery} that asks the database which devices got a command to
 * deliver since the previous re-check (one small indexed query per collector, however many requests are parked). The
 * safety net catches what no notification announces (a delivery lease running out) and anything a notification
 * listener missed; after the listener reconnects, {@link #recheckSince} runs the same query at once over the outage.
 *
 * <p>A waiter is claimed before the database is asked to deliver, so a command the database hands out always
 * goes to a request that is still parked: a wait ending while a delivery runs is answered by that delivery.
 */
public final class CommandWaiters implements AutoCloseable {

    /**
     * How far each re-check looks back beyond the time it covers: a command's time is the queueing collector's clock
     * at insert, so commit delays and clock differences between collectors (keep them NTP-synchronised) must fit.
     */
    static final Duration RECHECK_MARGIN = Duration.ofSeconds(10);

    private final Function<String, List<Command>> deliver;
    private final Function<Duration, Collection<String>> deliverableWithin;
    private final Duration recheckLookBack;
    private final ConcurrentHashMap<String, Set<Waiter>> parked = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("mapi-longpoll-timer"));
    private final ExecutorService workers = Executors.newFixedThreadPool(4, daemon("mapi-longpoll-worker"));
    private volatile boolean closed;

    /**
     * @param deliver           claims and returns the device's commands to deliver (each hand-out once)
     * @param deliverableWithin devices with a command that became deliverable within the given time back (queued by
     *                          any collector on the database, or due for redelivery)
     * @param recheckEvery      how often parked requests are re-checked against the database (the safety net)
     */
    public CommandWaiters(Function<String, List<Command>> deliver, Function<Duration, Collection<String>> deliverableWithin,
                          Duration recheckEvery) {
        this.deliver = deliver;
        this.deliverableWithin = deliverableWithin;
        // each re-check overlaps the previous one by the margin: commit delays, clocks of other collectors
        this.recheckLookBack = recheckEvery.plus(RECHECK_MARGIN);
        long every = recheckEvery.toMillis();
        timer.scheduleWithFixedDelay(() -> submit(() -> recheck(recheckLookBack)), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The device's commands: at once when some are queued, else when one is queued within the wait, else an empty
     * list when the wait ends.
     */
    public CompletableFuture<List<Command>> await(String deviceId, Duration wait) {
        Waiter waiter = new Waiter(deviceId);
        parked.compute(deviceId, (id, set) -> {
            Set<Waiter> waiters = set == null ? ConcurrentHashMap.newKeySet() : set;
            waiters.add(waiter);
            return waiters;
        });
        waiting.incrementAndGet();
        waiter.timeout = timer.schedule(waiter::expire, wait.toMillis(), TimeUnit.MILLISECONDS);
        // registered before this first look, so a heal queued in between wakes it rather than being missed
        attempt(waiter);
        if (closed) {
            waiter.expire();
        }
        return waiter.result;
    }

    /** A command was queued for the device: hand it to a request parked for it, if any. */
    public void wake(String deviceId) {
        if (parked.containsKey(deviceId)) {
            submit(() -> {
                Set<Waiter> waiters = parked.get(deviceId);
                if (waiters != null) {
                    waiters.forEach(this::attempt);
                }
            });
        }
    }

    /** Requests parked on this collector now. */
    public int waiting() {
        return waiting.get();
    }

    /**
     * Re-checks the parked requests at once against what became deliverable in the given time back, plus the margin;
     * the notification listener calls it after reconnecting, with the time it was disconnected.
     */
    public void recheckSince(Duration outage) {
        submit(() -> recheck(outage.plus(RECHECK_MARGIN)));
    }

    private void recheck(Duration lookBack) {
        if (parked.isEmpty()) {
            return;
        }
        for (String deviceId : deliverableWithin.apply(lookBack)) {
            wake(deviceId);
        }
    }

    private void attempt(Waiter waiter) {
        if (!waiter.begin()) {
            return;
        }
        boolean again = true;
        while (again) {
            List<Command> commands;
            try {
                commands = deliver.apply(waiter.deviceId);
            } catch (RuntimeException e) {
                waiter.fail(e);
                return;
            }
            again = waiter.end(commands);
        }
    }

    private void submit(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException stopping) {
            // closed: every parked request has been answered already
        }
    }

    private void done(Waiter waiter) {
        ScheduledFuture<?> timeout = waiter.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        parked.computeIfPresent(waiter.deviceId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
        waiting.decrementAndGet();
    }

    /** Answers every parked request with no commands and stops the threads. */
    @Override
    public void close() {
        closed = true;
        parked.values().forEach(set -> set.forEach(Waiter::expire));
        timer.shutdownNow();
        workers.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** One parked request: parked, being delivered to (claimed), or answered. */
    private final class Waiter {
        private final String deviceId;
        private final CompletableFuture<List<Command>> result = new CompletableFuture<>();
        private volatile ScheduledFuture<?> timeout;
        private boolean claimed;
        private boolean answered;
        private boolean waitEnded;
        private boolean wokenAgain;

        Waiter(String deviceId) {
            this.deviceId = deviceId;
        }

        /** Claims the waiter for a delivery attempt; false when answered or when another attempt runs (it retries). */
        synchronized boolean begin() {
            if (answered) {
                return false;
            }
            if (claimed) {
                wokenAgain = true;
                return false;
            }
            claimed = true;
            return true;
        }

        /**
         * Ends a delivery attempt; true when another wake-up came meanwhile and the attempt must be repeated (the
         * waiter stays claimed for it: released here, a wait ending in between would find it unclaimed and answer it
         * while the repeat runs).
         */
        boolean end(List<Command> commands) {
            synchronized (this) {
                if (commands.isEmpty() && !waitEnded && !closed) {
                    if (wokenAgain) {
                        wokenAgain = false;
                        return true;
                    }
                    claimed = false;
                    return false;
                }
                answered = true;
            }
            done(this);
            result.complete(commands);
            return false;
        }

        void fail(RuntimeException e) {
            synchronized (this) {
                answered = true;
            }
            done(this);
            result.completeExceptionally(e);
        }

        void expire() {
            synchronized (this) {
                if (answered) {
                    return;
                }
                if (claimed) {
                    waitEnded = true;
                    return;
                }
                answered = true;
            }
            done(this);
            result.complete(List.of());
        }
    }
}
