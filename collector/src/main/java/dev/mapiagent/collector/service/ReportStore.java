package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.DeviceDao;
import dev.mapiagent.collector.db.FindingDao;
import dev.mapiagent.collector.db.ReportDao;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.Report;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

/**
 * Stores reports, many in one transaction, with the same outcome as storing them one after the other in the
 * given order: each reportId is stored once, and a device's latest state is its newest report (by creation time,
 * capped at the time received: {@link #orderedAt}; a tie goes to the later one), with its problem findings.
 *
 * <p>Locks are taken in one order (reports by reportId, then devices by deviceId), so the transactions of several
 * collectors on one database, each holding many rows, wait for each other instead of deadlocking.
 */
public final class ReportStore {

    /** The length of devices.office_channel (V30). */
    private static final int OFFICE_CHANNEL_LENGTH = 128;

    /** A validated report and the JSON text kept of it. */
    public record Incoming(Report report, String body) {
    }

    private final Clock clock;

    public ReportStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Stores the reports in the caller's transaction.
     *
     * @return per report, true when stored now; false when its reportId was stored before, or earlier in the list
     */
    public List<Boolean> storeAll(Handle handle, List<Incoming> reports) {
        Instant now = clock.instant();
        boolean[] stored = insertNew(handle, reports, now);
        DeviceDao devices = new DeviceDao(handle);
        Set<String> deviceIds = new TreeSet<>();
        reports.forEach(r -> deviceIds.add(r.report().deviceId()));
        if (deviceIds.size() > 1) {
            devices.touch(deviceIds, now);
        }
        List<Integer> candidates = IntStream.range(0, reports.size()).filter(i -> stored[i]).boxed()
                .sorted(Comparator.comparing((Integer i) -> reports.get(i).report().deviceId()).thenComparing(i -> i))
                .toList();
        boolean[] latest = devices.setLatestIfNewer(candidates.stream()
                .map(i -> latestState(reports.get(i).report(), now)).toList(), now);
        List<FindingDao.FindingsUpdate> findings = new ArrayList<>();
        for (int k = 0; k < latest.length; k++) {
            if (latest[k]) {
                Report report = reports.get(candidates.get(k)).report();
                findings.add(new FindingDao.FindingsUpdate(report.deviceId(), problemSeverities(findings(report)),
                        orderedAt(report, now)));
            }
        }
        if (deviceIds.size() == 1 && findings.isEmpty()) {
            devices.touch(deviceIds, now);
        }
        new FindingDao(handle).apply(findings);
        List<Boolean> outcomes = new ArrayList<>(stored.length);
        for (boolean s : stored) {
            outcomes.add(s);
        }
        return outcomes;
    }

    /** Inserts the first report of each reportId, in reportId order; true for those inserted now. */
    private static boolean[] insertNew(Handle handle, List<Incoming> reports, Instant now) {
        Map<String, Integer> firstById = new TreeMap<>();
        for (int i = 0; i < reports.size(); i++) {
            firstById.putIfAbsent(reports.get(i).report().reportId(), i);
        }
        List<Integer> inserting = List.copyOf(firstById.values());
        boolean[] inserted = new ReportDao(handle).insertIfAbsent(inserting.stream().map(i -> {
            Report report = reports.get(i).report();
            return new ReportDao.StoredReport(report.reportId(), report.deviceId(), report.createdAt(), now,
                    report.verdict().name(), report.protocol().name(),
                    findings(report).stream().map(Finding::code).distinct().toList(), reports.get(i).body());
        }).toList());
        boolean[] stored = new boolean[reports.size()];
        for (int k = 0; k < inserting.size(); k++) {
            stored[inserting.get(k)] = inserted[k];
        }
        return stored;
    }

    /**
     * Where a report stands in its device's order: its creation time by the device's clock, but never later than
     * when this collector received it. A report spooled for hours keeps its place behind newer ones, and a device
     * clock running ahead (a report dated 9999) cannot put one report ahead of every later one.
     */
    static Instant orderedAt(Report report, Instant received) {
        return report.createdAt().isAfter(received) ? received : report.createdAt();
    }

    private static DeviceDao.LatestState latestState(Report report, Instant received) {
        return new DeviceDao.LatestState(report.deviceId(), report.reportId(), orderedAt(report, received),
                report.verdict().name(), report.protocol().name(), EndpointHost.of(report).orElse(null),
                report.hostname(), report.user(), report.outlook() == null ? null : report.outlook().version(),
                report.outlook() == null ? null : truncate(report.outlook().channel(), OFFICE_CHANNEL_LENGTH));
    }

    /** The channel is free text in the report; the device keeps its first characters to filter on. */
    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private static List<Finding> findings(Report report) {
        return report.findings() == null ? List.of() : report.findings();
    }

    /** The problem (error or warning) findings by code, the most severe kept when a code repeats. */
    private static Map<String, String> problemSeverities(List<Finding> findings) {
        Map<String, Finding> worst = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.severity().isProblem()) {
                worst.merge(f.code(), f, (a, b) -> a.severity().compareTo(b.severity()) <= 0 ? a : b);
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        worst.forEach((code, f) -> result.put(code, f.severity().name().toLowerCase(Locale.ROOT)));
        return result;
    }
}
