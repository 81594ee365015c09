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
        Map<String, List<Integer>> storedByDevice = new TreeMap<>();
        for (int i = 0; i < reports.size(); i++) {
            List<Integer> ofDevice = storedByDevice.computeIfAbsent(reports.get(i).report().deviceId(), id -> new ArrayList<>());
            if (stored[i]) {
                ofDevice.add(i);
            }
        }
        DeviceDao devices = new DeviceDao(handle);
        List<FindingDao.FindingsUpdate> findings = storedByDevice.size() > 1
                && storedByDevice.values().stream().allMatch(ofDevice -> ofDevice.size() <= 1)
                ? contactsAtOnce(devices, reports, storedByDevice, now)
                : oneAfterAnother(devices, reports, stored, storedByDevice.keySet(), now);
        new FindingDao(handle).apply(findings);
        List<Boolean> outcomes = new ArrayList<>(stored.length);
        for (boolean s : stored) {
            outcomes.add(s);
        }
        return outcomes;
    }

    /**
     * The usual batch, many devices with at most one new report each: one statement per device sets its last contact
     * and its latest state, in deviceId order.
     */
    private static List<FindingDao.FindingsUpdate> contactsAtOnce(DeviceDao devices, List<Incoming> reports,
                                                                 Map<String, List<Integer>> storedByDevice, Instant now) {
        List<DeviceDao.Contact> contacts = new ArrayList<>(storedByDevice.size());
        storedByDevice.forEach((deviceId, ofDevice) -> contacts.add(new DeviceDao.Contact(deviceId,
                ofDevice.isEmpty() ? null : latestState(reports.get(ofDevice.get(0)).report(), now))));
        Map<String, String> latest = devices.recordContacts(contacts, now);
        List<FindingDao.FindingsUpdate> findings = new ArrayList<>();
        for (List<Integer> ofDevice : storedByDevice.values()) {
            Report report = ofDevice.isEmpty() ? null : reports.get(ofDevice.get(0)).report();
            // the report's id is new, so the device names it only when this batch made it the latest
            if (report != null && report.reportId().equals(latest.get(report.deviceId()))) {
                findings.add(findingsUpdate(report, now));
            }
        }
        return findings;
    }

    /**
     * A batch with several new reports of one device (or one device alone): every device's last contact first, in
     * deviceId order, then each new report, in deviceId and then list order, becomes its device's latest state
     * when it is newer, so that of two reports of one device the later in the list decides on top of the earlier.
     */
    private static List<FindingDao.FindingsUpdate> oneAfterAnother(DeviceDao devices, List<Incoming> reports,
                                                                  boolean[] stored, Set<String> deviceIds, Instant now) {
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
                findings.add(findingsUpdate(reports.get(candidates.get(k)).report(), now));
            }
        }
        if (deviceIds.size() == 1 && findings.isEmpty()) {
            devices.touch(deviceIds, now);
        }
        return findings;
    }

    private static FindingDao.FindingsUpdate findingsUpdate(Report report, Instant now) {
        return new FindingDao.FindingsUpdate(report.deviceId(), EndpointHost.of(report).orElse(null),
                problemSeverities(findings(report)), orderedAt(report, now));
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
