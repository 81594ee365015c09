package dev.mapiagent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.ProtocolSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleReportsTest {

    @Test
    void everySampleMatchesTheReportSchemaWithAFreshReportId() throws Exception {
        for (int number = 0; number < 3; number++) {
            SampleReports device = new SampleReports("dev-" + number, number);
            SampleReports.Sample first = device.next();
            SampleReports.Sample second = device.next();
            JsonNode json = ProtocolJson.mapper().readTree(first.json());
            assertEquals(List.of(), ProtocolSchema.REPORT.validate(json));
            assertEquals(first.reportId(), json.path("reportId").asText());
            assertEquals("dev-" + number, json.path("deviceId").asText());
            assertNotEquals(first.reportId(), second.reportId());
        }
    }
}
