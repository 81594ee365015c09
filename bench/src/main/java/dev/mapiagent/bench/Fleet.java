package dev.mapiagent.bench;

import dev.mapiagent.bench.Api.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Enrolled simulated devices and a round-robin over collectors (the "simple load balancer"). */
final class Fleet {

    private final List<Agent> agents;
    private final List<SampleReports> reports;
    private final List<String> urls;
    private final AtomicInteger nextUrl = new AtomicInteger();
    private final AtomicInteger nextAgent = new AtomicInteger();

    private Fleet(List<Agent> agents, List<String> urls) {
        this.agents = agents;
        this.urls = urls;
        this.reports = agents.stream().map(a -> new SampleReports(a.deviceId(), a.number())).toList();
    }

    /** Enrolls {@code count} devices named prefix-0… over the collectors, 32 at a time; fails on any error. */
    static Fleet enroll(Api api, List<String> urls, String enrollSecret, String prefix, int count) {
        List<Agent> agents = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger rr = new AtomicInteger();
        Load.Result result = Load.closedLoop("enroll", 32, Duration.ofMinutes(30), () -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return null;
            }
            return api.enroll(urls.get(rr.getAndIncrement() % urls.size()), enrollSecret, prefix + "-" + i, i)
                    .thenAccept(agents::add);
        });
        if (result.errors() > 0) {
            throw new IllegalStateException(result.errors() + " enrollments failed, first: " + result.firstError());
        }
        List<Agent> sorted = new ArrayList<>(agents);
        sorted.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return new Fleet(List.copyOf(sorted), urls);
    }

    List<Agent> agents() {
        return agents;
    }

    /** The next collector, round robin. */
    String url() {
        return urls.get(Math.floorMod(nextUrl.getAndIncrement(), urls.size()));
    }

    /** A new report of the next device, round robin over devices and collectors. */
    CompletableFuture<Integer> postNextReport(Api api) {
        int i = Math.floorMod(nextAgent.getAndIncrement(), agents.size());
        return api.report(url(), agents.get(i), reports.get(i).next().json());
    }

    /** The same devices sending to other collectors. */
    Fleet over(List<String> otherUrls) {
        return new Fleet(agents, otherUrls);
    }
}
