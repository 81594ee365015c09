package dev.mapiagent.collector.config;

/**
 * How fast a bulk heal queues its devices' heals when the admin does not say, and the most it may ask for.
 *
 * @param defaultPerMinute devices started per minute when the request names no rate
 * @param maxPerMinute     the highest rate a request may ask for
 */
public record BulkHealLimits(int defaultPerMinute, int maxPerMinute) {

    public static final int DEFAULT_PER_MINUTE = 60;
    public static final int DEFAULT_MAX_PER_MINUTE = 1000;

    public BulkHealLimits {
        if (defaultPerMinute < 1 || maxPerMinute < defaultPerMinute) {
            throw new IllegalArgumentException("bulk heal rate: default " + defaultPerMinute + " must be 1 to the maximum "
                    + maxPerMinute);
        }
    }

    public static BulkHealLimits defaults() {
        return new BulkHealLimits(DEFAULT_PER_MINUTE, DEFAULT_MAX_PER_MINUTE);
    }
}
