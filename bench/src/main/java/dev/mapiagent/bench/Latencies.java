package dev.mapiagent.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, thread-safe, with percentiles in milliseconds. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    /** The percentile (0-100] in milliseconds, nearest-rank; NaN without samples. */
    synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }
}
