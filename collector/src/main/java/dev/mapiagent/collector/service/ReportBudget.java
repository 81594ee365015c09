package dev.mapiagent.collector.service;

import dev.mapiagent.collector.error.BusyException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each device's budget of reports: a number of reports and of characters (their JSON text) it may send in a
 * burst, refilled at a steady rate (token buckets). A device past its budget is told to come back when the next
 * report fits (busy, with the seconds to wait), so one device cannot fill the disk or starve the others, while an
 * agent sending a report every few minutes never comes near it. Kept per collector, in memory.
 */
public final class ReportBudget {

    /**
     * @param burstReports   reports a device may send at once
     * @param reportEvery    one report more is allowed after this
     * @param burstChars     characters of report text a device may send at once
     * @param charsPerSecond characters more allowed each second
     */
    public record Limits(int burstReports, Duration reportEvery, long burstChars, long charsPerSecond) {
    }

    /** A report a second and 16 MiB at once, 256 KiB a second after: far beyond an agent, far below a flood. */
    public static final Limits DEFAULT = new Limits(60, Duration.ofSeconds(1), 16L * 1024 * 1024, 256L * 1024);

    private static final class Bucket {
        double reports;
        double chars;
        long atMillis;

        Bucket(Limits limits, long now) {
            reports = limits.burstReports();
            chars = limits.burstChars();
            atMillis = now;
        }
    }

    private final Clock clock;
    private final Limits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ReportBudget(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Takes one report of that many characters from the device's budget. A report larger than the whole character
     * burst is taken once the budget is full.
     *
     * @throws BusyException when it does not fit now, with the seconds until it does
     */
    public void charge(String deviceId, long chars) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(deviceId, id -> new Bucket(limits, now));
        long wanted = Math.min(chars, limits.burstChars());
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.reports >= 1 && bucket.chars >= wanted) {
                bucket.reports -= 1;
                bucket.chars -= wanted;
                return;
            }
            double reportWait = Math.max(0, 1 - bucket.reports) * limits.reportEvery().toMillis() / 1000.0;
            double charWait = Math.max(0, wanted - bucket.chars) / limits.charsPerSecond();
            int seconds = (int) Math.max(1, Math.ceil(Math.max(reportWait, charWait)));
            throw BusyException.tryAgainIn("this device's report budget is used up", seconds);
        }
    }

    private void refill(Bucket bucket, long now) {
        double seconds = Math.max(0, now - bucket.atMillis) / 1000.0;
        bucket.reports = Math.min(limits.burstReports(),
                bucket.reports + seconds * 1000.0 / limits.reportEvery().toMillis());
        bucket.chars = Math.min(limits.burstChars(), bucket.chars + seconds * limits.charsPerSecond());
        bucket.atMillis = now;
    }
}
