package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.CommandDao;
import dev.mapiagent.collector.db.FindingDao;
import dev.mapiagent.collector.db.FindingDao.FindingGroup;
import dev.mapiagent.collector.db.FleetDao;
import dev.mapiagent.collector.db.FleetDao.StateCount;
import dev.mapiagent.collector.metrics.FleetFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet figures behind the metrics, computed at most once per {@link #MAX_AGE} however often Prometheus
 * scrapes: a handful of aggregate queries and the incident grouping, well under a second at 50,000 devices
 * (docs/benchmarks.md, "Fleet gauges and retention at 50,000 devices"), so not something to run per scrape.
 */
public final class FleetFiguresService {

    private static final Logger LOG = LoggerFactory.getLogger(FleetFiguresService.class);

    /** How long computed figures are served before the next scrape computes them again. */
    public static final Duration MAX_AGE = Duration.ofSeconds(30);

    /** Endpoints with their own label value, the largest first; the others are summed as "other". */
    public static final int TOP_ENDPOINTS = 20;

    static final String OTHER_ENDPOINTS = "other";
    static final String NO_ENDPOINT = "none";

    /** Silent devices are counted for each of these ages, so alerts pick their own threshold. */
    static final List<Integer> SILENT_DAYS = List.of(1, 7, 30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final FleetService fleet;
    private FleetFigures figures = FleetFigures.none();

    public FleetFiguresService(Jdbi jdbi, Clock clock, FleetService fleet) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.fleet = fleet;
    }

    /**
     * The figures, computed again when older than {@link #MAX_AGE}. When the database fails, the last figures stay
     * (their timestamp shows their age) so a scrape still answers with the collector's own metrics.
     */
    public synchronized FleetFigures current() {
        Instant now = clock.instant();
        if (now.isBefore(figures.at().plus(MAX_AGE))) {
            return figures;
        }
        try {
            figures = compute(now);
        } catch (RuntimeException e) {
            LOG.warn("fleet figures not computed: {}", e.getMessage());
        }
        return figures;
    }

    private FleetFigures compute(Instant now) {
        record Read(List<StateCount> states, Map<String, Integer> findings, Map<Integer, Integer> silent,
                    Map<String, Integer> commands, List<FindingGroup> groups) {
        }
        Read read = jdbi.inTransaction(h -> {
            FleetDao dao = new FleetDao(h);
            Map<Integer, Integer> silent = new LinkedHashMap<>();
            for (int days : SILENT_DAYS) {
                silent.put(days, dao.countUnheardSince(now.minus(Duration.ofDays(days))));
            }
            return new Read(dao.stateCounts(), dao.devicesByFinding(), silent, new CommandDao(h).countByStatus(),
                    new FindingDao(h).groups());
        });
        Map<String, Integer> incidents = fleet.incidents(read.groups(), read.states()).stream()
                .collect(Collectors.groupingBy(i -> i.side().id(), Collectors.summingInt(i -> 1)));
        return new FleetFigures(now, sum(read.states(), StateCount::verdict), sum(read.states(), StateCount::protocol),
                endpoints(read.states()), read.findings(), incidents, read.silent(), read.commands());
    }

    private static Map<String, Integer> sum(List<StateCount> states, Function<StateCount, String> key) {
        return states.stream().collect(Collectors.groupingBy(key, Collectors.summingInt(StateCount::devices)));
    }

    /** The counts per endpoint label: the {@link #TOP_ENDPOINTS} largest endpoints by name, the rest as "other". */
    static List<FleetFigures.EndpointDevices> endpoints(List<StateCount> states) {
        Map<String, Integer> perEndpoint = new HashMap<>();
        for (StateCount s : states) {
            if (s.endpoint() != null) {
                perEndpoint.merge(s.endpoint(), s.devices(), Integer::sum);
            }
        }
        Set<String> named = perEndpoint.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_ENDPOINTS).map(Map.Entry::getKey).collect(Collectors.toSet());
        Map<List<String>, Integer> labelled = new LinkedHashMap<>();
        for (StateCount s : states) {
            String endpoint = s.endpoint() == null ? NO_ENDPOINT : named.contains(s.endpoint()) ? s.endpoint() : OTHER_ENDPOINTS;
            labelled.merge(List.of(endpoint, s.verdict(), s.protocol()), s.devices(), Integer::sum);
        }
        List<FleetFigures.EndpointDevices> endpoints = new ArrayList<>();
        labelled.forEach((k, n) -> endpoints.add(new FleetFigures.EndpointDevices(k.get(0), k.get(1), k.get(2), n)));
        endpoints.sort(Comparator.comparing(FleetFigures.EndpointDevices::endpoint)
                .thenComparing(FleetFigures.EndpointDevices::verdict).thenComparing(FleetFigures.EndpointDevices::protocol));
        return endpoints;
    }
}
