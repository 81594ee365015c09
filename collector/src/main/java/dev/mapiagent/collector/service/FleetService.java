package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.FindingDao;
import dev.mapiagent.collector.db.FindingDao.CurrentFinding;
import dev.mapiagent.collector.db.FindingDao.FindingGroup;
import dev.mapiagent.collector.db.FleetDao;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The fleet view: devices failing the same way on the same MAPI endpoint, and whether that looks like the server
 * (many devices, one endpoint, the same failure starting at about the same time) or one PC.
 */
public final class FleetService {

    /** Stale agents listed by name on the overview (the device list shows them all with seenBefore). */
    static final int STALE_LISTED = 20;

    private final Jdbi jdbi;
    private final Clock clock;
    private final int serverSideMinDevices;
    private final Duration onsetWindow;
    private final Duration staleAfter;

    public FleetService(Jdbi jdbi, Clock clock, int serverSideMinDevices, Duration onsetWindow, Duration staleAfter) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.serverSideMinDevices = serverSideMinDevices;
        this.onsetWindow = onsetWindow;
        this.staleAfter = staleAfter;
    }

    /** Where the problem most likely is. */
    public enum Side {
        SERVER, CLIENT, UNCLEAR;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A device affected by an incident. */
    public record AffectedDevice(String deviceId, String hostname, String verdict, Instant since) {
    }

    /**
     * Devices showing one finding on one endpoint.
     *
     * @param endpoint          the MAPI endpoint host, or null when the reports named none
     * @param devicesOnEndpoint how many devices report this endpoint at all (affected or not)
     * @param firstSince        earliest start of the finding among the devices
     * @param lastSince         latest start
     */
    public record Incident(String endpoint, String code, String severity, int deviceCount, int devicesOnEndpoint,
                           Instant firstSince, Instant lastSince, Side side, String reason,
                           List<AffectedDevice> devices) {
    }

    /** The thresholds the classification used, echoed so the page can explain it. */
    public record Incidents(List<Incident> incidents, int serverSideMinDevices, long onsetWindowMinutes) {
    }

    /** The open incidents, each with its devices. */
    public Incidents incidents() {
        record Read(List<FindingGroup> groups, List<FleetDao.StateCount> states, List<CurrentFinding> findings) {
        }
        // one snapshot for the groups and their members, so each incident lists the devices it counts
        Read read = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> new Read(
                new FindingDao(h).groups(), new FleetDao(h).stateCounts(), new FindingDao(h).all()));
        Map<List<String>, List<AffectedDevice>> members = new HashMap<>();
        for (CurrentFinding f : read.findings()) {
            members.computeIfAbsent(Arrays.asList(f.endpointHost(), f.code()), k -> new ArrayList<>())
                    .add(new AffectedDevice(f.deviceId(), f.hostname(), f.verdict(), f.since()));
        }
        return new Incidents(incidents(read.groups(), read.states(),
                g -> members.getOrDefault(Arrays.asList(g.endpointHost(), g.code()), List.of())),
                serverSideMinDevices, onsetWindow.toMinutes());
    }

    /** The open incidents of the groups, without their devices (the overview and the metrics count, not list). */
    List<Incident> incidents(List<FindingGroup> groups, List<FleetDao.StateCount> states) {
        return incidents(groups, states, g -> List.of());
    }

    /** The incidents of the groups, the largest first, then the earliest. */
    private List<Incident> incidents(List<FindingGroup> groups, List<FleetDao.StateCount> states,
                                     Function<FindingGroup, List<AffectedDevice>> devices) {
        Map<String, Integer> onEndpoint = new HashMap<>(); // the null key: devices whose reports named no endpoint
        states.forEach(c -> onEndpoint.merge(c.endpoint(), c.reported(), Integer::sum));
        return groups.stream()
                .map(g -> incident(g, onEndpoint.getOrDefault(g.endpointHost(), g.devices()), devices.apply(g)))
                .sorted(Comparator.comparingInt(Incident::deviceCount).reversed()
                        .thenComparing(Incident::firstSince)
                        .thenComparing(i -> Objects.toString(i.endpoint(), ""))
                        .thenComparing(Incident::code))
                .toList();
    }

    /** The overview: totals by verdict, protocol and endpoint, open incidents server-side first, stale agents. */
    public FleetSummary summary() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(staleAfter);
        record Read(List<FleetDao.StateCount> counts, int staleCount, List<FleetDao.SilentDevice> stale,
                    List<FindingGroup> groups) {
        }
        Read read = jdbi.inTransaction(h -> {
            FleetDao dao = new FleetDao(h);
            return new Read(dao.stateCounts(), dao.countSilentSince(cutoff), dao.silentSince(cutoff, STALE_LISTED),
                    new FindingDao(h).groups());
        });
        Map<String, Integer> byVerdict = Counts.zeros(Verdict.values());
        Map<String, Integer> byProtocol = Counts.zeros(MapiProtocol.values());
        Map<String, FleetSummary.EndpointTotals> endpoints = new HashMap<>();
        int devices = 0;
        for (FleetDao.StateCount c : read.counts()) {
            devices += c.devices();
            byVerdict.merge(c.verdict(), c.devices(), Integer::sum);
            byProtocol.merge(c.protocol(), c.devices(), Integer::sum);
            FleetSummary.EndpointTotals e = endpoints.computeIfAbsent(Objects.toString(c.endpoint(), ""),
                    k -> new FleetSummary.EndpointTotals(c.endpoint(), 0, Counts.zeros(Verdict.values()), Counts.zeros(MapiProtocol.values())));
            e.byVerdict().merge(c.verdict(), c.devices(), Integer::sum);
            e.byProtocol().merge(c.protocol(), c.devices(), Integer::sum);
            endpoints.put(Objects.toString(c.endpoint(), ""), new FleetSummary.EndpointTotals(e.endpoint(),
                    e.devices() + c.devices(), e.byVerdict(), e.byProtocol()));
        }
        List<FleetSummary.EndpointTotals> perEndpoint = endpoints.values().stream()
                .sorted(Comparator.comparingInt(FleetSummary.EndpointTotals::devices).reversed()
                        .thenComparing(e -> Objects.toString(e.endpoint(), "")))
                .toList();
        List<Incident> open = incidents(read.groups(), read.counts());
        List<FleetSummary.OpenIncident> shown = open.stream()
                .sorted(Comparator.comparingInt((Incident i) -> SIDE_ORDER.indexOf(i.side()))
                        .thenComparing(Comparator.comparingInt(Incident::deviceCount).reversed()))
                .limit(FleetSummary.MAX_INCIDENTS)
                .map(i -> new FleetSummary.OpenIncident(i.endpoint(), i.code(), i.severity(), i.deviceCount(),
                        i.devicesOnEndpoint(), i.firstSince(), i.side(), i.reason(),
                        i.side() == Side.CLIENT ? null : RunbookCause.of(i.code(), i.endpoint()).orElse(null)))
                .toList();
        return new FleetSummary(now, devices, byVerdict, byProtocol, perEndpoint, shown, open.size(),
                new FleetSummary.StaleAgents(staleAfter.toDays(), read.staleCount(), read.stale()));
    }

    /** The overview lists incidents in this order of side. */
    private static final List<Side> SIDE_ORDER = List.of(Side.SERVER, Side.UNCLEAR, Side.CLIENT);

    private Incident incident(FindingGroup group, int devicesOnEndpoint, List<AffectedDevice> devices) {
        String endpoint = group.endpointHost();
        String code = group.code();
        Instant first = group.firstSince();
        int count = group.devices();
        Duration spread = Duration.between(first, group.lastSince());
        String where = endpoint == null ? "an unknown endpoint" : endpoint;
        Side side;
        String reason;
        if (count >= serverSideMinDevices && spread.compareTo(onsetWindow) <= 0) {
            side = Side.SERVER;
            reason = count + " devices on " + where + " show " + code + ", all starting within " + minutes(spread)
                    + " of " + first + ": look at the server side (Exchange, load balancer, certificate, DNS) first";
        } else if (count == 1) {
            side = Side.CLIENT;
            reason = "only " + label(group) + " shows " + code + " on " + where
                    + ": a problem of this PC; " + whatToDoOnOnePc(code);
        } else {
            side = Side.UNCLEAR;
            reason = count + " devices on " + where + " show " + code + (count < serverSideMinDevices
                    ? ", fewer than " + serverSideMinDevices + " needed to call it server-side"
                    : ", but their failures started " + minutes(spread) + " apart") + ": check the server and one PC";
        }
        return new Incident(endpoint, code, group.severity(), count, devicesOnEndpoint, first, group.lastSince(), side,
                reason, devices);
    }

    /** The one device of a group of one, as the reason names it. */
    private static String label(FindingGroup oneDevice) {
        return oneDevice.someHostname() == null ? oneDevice.someDeviceId()
                : oneDevice.someHostname() + " (" + oneDevice.someDeviceId() + ")";
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m == 0 ? "a minute" : m + " minutes";
    }

    /** Self-heal only fixes findings that have a remedy on the PC; for the others say what to look at. */
    private static String whatToDoOnOnePc(String code) {
        try {
            FindingCode finding = FindingCode.valueOf(code);
            return finding.remedy() != null ? "self-heal it (" + finding.remedy().id() + ")" : finding.advice();
        } catch (IllegalArgumentException unknown) {
            return "look at this PC";
        }
    }
}
