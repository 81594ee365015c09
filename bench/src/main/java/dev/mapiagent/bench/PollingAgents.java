package dev.mapiagent.bench;

import dev.mapiagent.bench.Api.Agent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Resident agents: each keeps a long-poll open on each collector, re-polling as soon as one is answered, and the
 * moment every command arrives is recorded (a command arriving twice counts as a duplicate).
 */
final class PollingAgents implements AutoCloseable {

    private final Api api;
    private final int waitSeconds;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    PollingAgents(Api api, List<Agent> agents, List<String> urls, int waitSeconds) {
        this.api = api;
        this.waitSeconds = waitSeconds;
        for (Agent agent : agents) {
            for (String url : urls) {
                poll(url, agent);
            }
        }
    }

    private void poll(String url, Agent agent) {
        if (!running.get()) {
            return;
        }
        api.commands(url, agent, waitSeconds).whenComplete((ids, failure) -> {
            long now = System.nanoTime();
            if (failure != null) {
                if (running.get()) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, String.valueOf(failure.getCause() != null ? failure.getCause() : failure));
                }
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> poll(url, agent));
                return;
            }
            for (String id : ids) {
                if (deliveredAt.putIfAbsent(id, now) != null) {
                    duplicates.incrementAndGet();
                }
            }
            poll(url, agent);
        });
    }

    /** When the command reached an agent (System.nanoTime), or null. */
    Long deliveredAt(String commandId) {
        return deliveredAt.get(commandId);
    }

    /** Waits up to the timeout until all the commands were delivered; true when they were. */
    boolean awaitDelivered(Collection<String> commandIds, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!deliveredAt.keySet().containsAll(commandIds)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Collectors.sleep(50);
        }
        return true;
    }

    /** Waits until the collector reports at least that many parked long-polls. */
    static void awaitParked(Api api, String url, int count, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        double parked;
        while ((parked = api.metric(url, "mapi_commands_waiting")) < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + (long) parked + " of " + count + " long-polls parked at " + url);
            }
            Collectors.sleep(200);
        }
    }

    long duplicates() {
        return duplicates.get();
    }

    String errors() {
        return errors.get() == 0 ? "0" : errors.get() + " (" + firstError.get() + ")";
    }

    @Override
    public void close() {
        running.set(false);
    }
}
