package dev.mapiagent.collector.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.mapiagent.collector.db.DeviceSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The device list as CSV (RFC 4180, one header row). A cell an agent controls (host name, user) that a spreadsheet
 * would run as a formula gets a leading apostrophe (OWASP's advice against CSV injection).
 */
final class DeviceCsv implements AutoCloseable {

    static final List<String> COLUMNS = List.of("deviceId", "hostname", "user", "verdict", "protocol", "lastSeen",
            "endpointHost", "officeVersion", "officeChannel");

    private static final CsvMapper MAPPER = new CsvMapper();

    private final SequenceWriter writer;

    DeviceCsv(OutputStream out) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try {
            writer = MAPPER.writer(schema.build()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(DeviceSummary d) {
        List<String> row = Arrays.asList(d.deviceId(), d.hostname(), d.user(), d.verdict(), d.protocol(),
                Objects.toString(d.lastSeen(), null), d.endpointHost(), d.officeVersion(), d.officeChannel());
        try {
            writer.write(row.stream().map(DeviceCsv::inert).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String inert(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
