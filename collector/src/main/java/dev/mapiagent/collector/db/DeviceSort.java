package dev.mapiagent.collector.db;

import java.util.Arrays;
import java.util.Optional;

/** The orders of the device list, by the name the API takes ({@code sort=lastSeen}, {@code sort=-lastSeen}). */
public enum DeviceSort {
    HOSTNAME("hostname", "hostname"),
    DEVICE_ID("deviceId", "device_id"),
    USER("user", "username"),
    /** The worst first: failing, degraded, unknown, healthy, then devices without a report. */
    VERDICT("verdict", "CASE verdict WHEN 'FAILING' THEN 0 WHEN 'DEGRADED' THEN 1 WHEN 'UNKNOWN' THEN 2 WHEN 'HEALTHY' THEN 3 END"),
    PROTOCOL("protocol", "protocol"),
    ENDPOINT("endpoint", "endpoint_host"),
    LAST_SEEN("lastSeen", "last_seen");

    private final String apiName;
    private final String column;

    DeviceSort(String apiName, String column) {
        this.apiName = apiName;
        this.column = column;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<DeviceSort> byApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equalsIgnoreCase(name)).findFirst();
    }

    /** ORDER BY text: the column, then the device id so that pages never overlap. Nulls come last either way. */
    String orderBy(boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        String first = column + direction + " NULLS LAST";
        return this == DEVICE_ID ? first : first + ", device_id" + direction;
    }
}
