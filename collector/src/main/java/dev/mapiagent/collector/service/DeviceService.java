package dev.mapiagent.collector.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.db.DeviceDao;
import dev.mapiagent.collector.db.DeviceSummary;
import dev.mapiagent.collector.db.ReportDao;
import dev.mapiagent.collector.error.NotFoundException;
import dev.mapiagent.protocol.ProtocolJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** What the helpdesk reads about devices: the list and one device in detail. */
public final class DeviceService {

    /** Commands shown with a device, newest first. */
    static final int COMMAND_HISTORY = 50;

    private final Jdbi jdbi;
    private final CommandService commands;
    private final ClockSkewService clocks;

    public DeviceService(Jdbi jdbi, CommandService commands, ClockSkewService clocks) {
        this.jdbi = jdbi;
        this.commands = commands;
        this.clocks = clocks;
    }

    /** One page of the devices the query matches, in its order, with the number matched in all. */
    public DevicePage page(DeviceQuery query, int limit, int offset) {
        return jdbi.inTransaction(h -> {
            DeviceDao devices = new DeviceDao(h);
            List<DeviceSummary> page = devices.list(query.filter(), query.sort(), query.descending(), limit, offset);
            // a page shorter than asked for is the last one and tells the total itself: no second pass over the
            // matches (a narrow search or filter, the usual case, is then one query)
            boolean last = page.size() < limit && (!page.isEmpty() || offset == 0);
            return new DevicePage(page, last ? offset + page.size() : devices.count(query.filter()));
        });
    }

    /** Writes that page as CSV with one header row, each device as it is read (an export, however many there are). */
    public void exportCsv(DeviceQuery query, int limit, int offset, OutputStream out) {
        try (DeviceCsv csv = new DeviceCsv(out)) {
            jdbi.useTransaction(h -> new DeviceDao(h).forEach(query.filter(), query.sort(), query.descending(), limit,
                    offset, csv::write));
        }
    }

    /** The device with its latest report, its newest {@code history} reports and its commands; not found when unknown. */
    public DeviceDetail detail(String deviceId, int history) {
        DeviceSummary device = jdbi.withHandle(h -> new DeviceDao(h).find(deviceId))
                .orElseThrow(() -> new NotFoundException("unknown device", deviceId + " has not enrolled"));
        var commandList = commands.forDevice(deviceId, COMMAND_HISTORY);
        Long clockSkew = clocks.flagged(deviceId);
        return jdbi.withHandle(h -> {
            ReportDao reports = new ReportDao(h);
            JsonNode latest = device.latestReportId() == null ? null
                    : reports.body(device.latestReportId()).map(DeviceService::parseStored).orElse(null);
            return new DeviceDetail(device, latest, reports.history(deviceId, history), commandList, clockSkew);
        });
    }

    private static JsonNode parseStored(String body) {
        try {
            return ProtocolJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("stored report is not JSON", e);
        }
    }
}
