package dev.mapiagent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.ProtocolSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportRequestsTest {

    private final ReportRequests requests = new ReportRequests("http://127.0.0.1:8080",
            List.of(new Api.Agent("dev-0", "token-0", 0), new Api.Agent("dev-1", "token-1", 1)));

    @Test
    void eachRequestIsAValidReportOfTheNextDeviceWithItsTokenAndExactLength() throws Exception {
        for (int i = 0; i < 4; i++) {
            String[] request = new String(requests.get(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String device = "dev-" + (i % 2);
            assertTrue(request[0].startsWith("POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"), request[0]);
            assertTrue(request[0].contains("\r\nAuthorization: Bearer token-" + (i % 2) + "\r\n"), request[0]);
            assertTrue(request[0].contains("\r\nContent-Length: " + request[1].getBytes(StandardCharsets.UTF_8).length),
                    request[0]);
            JsonNode report = ProtocolJson.mapper().readTree(request[1]);
            assertEquals(List.of(), ProtocolSchema.REPORT.validate(report));
            assertEquals(device, report.path("deviceId").asText());
        }
    }

    @Test
    void everyRequestCarriesANewReportId() throws Exception {
        String first = reportId(requests.get());
        requests.get();
        String third = reportId(requests.get());
        assertNotEquals(first, third);
        assertNotEquals(SampleReports.ID_PLACEHOLDER, first);
    }

    @Test
    void reportIdsAreTimeOrderedAsTheAgentMakesThem() throws Exception {
        UUID id = UUID.fromString(reportId(requests.get()));

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    private static String reportId(byte[] request) throws Exception {
        String body = new String(request, StandardCharsets.UTF_8).split("\r\n\r\n", 2)[1];
        return ProtocolJson.mapper().readTree(body).path("reportId").asText();
    }
}
