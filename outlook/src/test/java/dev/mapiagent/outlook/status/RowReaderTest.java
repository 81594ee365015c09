package dev.mapiagent.outlook.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowReaderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "unknown", value = {
        "Established, true",
        "OK, true",
        "Disc, false",
        "Disconnected, false",
        "Connecting..., false",
        "Connecting…, false",
        "Verbunden, unknown",
    })
    void readsTheConnectionStateFromStatusOrConn(String state, Boolean connected) {
        assertEquals(connected, RowReader.connected(state));
    }
}
