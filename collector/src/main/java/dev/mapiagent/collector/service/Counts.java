package dev.mapiagent.collector.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts by name that list every name of an enum, zero or not, in the enum's order (stable JSON for the page). */
final class Counts {

    private Counts() {
    }

    static Map<String, Integer> zeros(Enum<?>[] names) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (Enum<?> name : names) {
            map.put(name.name(), 0);
        }
        return map;
    }
}
