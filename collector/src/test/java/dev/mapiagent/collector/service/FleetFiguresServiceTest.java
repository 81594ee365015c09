package dev.mapiagent.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mapiagent.collector.db.FleetDao.StateCount;
import dev.mapiagent.collector.metrics.FleetFigures.EndpointDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetFiguresServiceTest {

    @Test
    void endpointsBeyondTheLargestTwentyAreSummedAsOther() {
        List<StateCount> states = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            // endpoint i has 100 + i devices: the five smallest (1-5) become "other"
            states.add(new StateCount("mail" + i + ".contoso.com", "HEALTHY", "MAPI_HTTP", 100 + i, 100 + i));
        }
        states.add(new StateCount(null, "UNKNOWN", "UNKNOWN", 7, 7));

        List<EndpointDevices> endpoints = FleetFiguresService.endpoints(states);

        Set<String> labels = endpoints.stream().map(EndpointDevices::endpoint).collect(Collectors.toSet());
        assertEquals(FleetFiguresService.TOP_ENDPOINTS + 2, labels.size(), "twenty named, other, none");
        assertEquals(101 + 102 + 103 + 104 + 105, devicesOf(endpoints, "other"));
        assertEquals(7, devicesOf(endpoints, "none"));
        assertEquals(125, devicesOf(endpoints, "mail25.contoso.com"));
        assertEquals(0, devicesOf(endpoints, "mail5.contoso.com"));
    }

    private static int devicesOf(List<EndpointDevices> endpoints, String endpoint) {
        return endpoints.stream().filter(e -> e.endpoint().equals(endpoint)).mapToInt(EndpointDevices::devices).sum();
    }
}
