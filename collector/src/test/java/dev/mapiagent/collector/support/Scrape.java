package dev.mapiagent.collector.support;

import static org.junit.jupiter.api.Assertions.fail;

/** One /metrics answer in the Prometheus text format, read sample by sample. */
public record Scrape(String text) {

    /** The value of the sample written exactly so (name and labels as the collector writes them), or a failure. */
    public double value(String sample) {
        return text.lines().filter(l -> l.startsWith(sample + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(sample.length() + 1).trim()))
                .orElseGet(() -> fail("no sample " + sample + " among:\n" + samplesOf(sample.replaceAll("[{ ].*", ""))));
    }

    private String samplesOf(String name) {
        return String.join("\n", text.lines().filter(l -> l.startsWith(name)).toList());
    }

    public boolean has(String sample) {
        return text.lines().anyMatch(l -> l.startsWith(sample + " "));
    }
}
