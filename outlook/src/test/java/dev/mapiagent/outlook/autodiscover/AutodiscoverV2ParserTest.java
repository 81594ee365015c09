package dev.mapiagent.outlook.autodiscover;

import static dev.mapiagent.outlook.autodiscover.AutodiscoverParserTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AutodiscoverV2ParserTest {

    @Test
    void readsProtocolAndUrl() {
        AutodiscoverV2Response response = AutodiscoverV2Parser.parse(resource("v2-autodiscoverv1.json"));

        assertEquals(new AutodiscoverV2Response("AutodiscoverV1",
                "https://outlook.office365.com/autodiscover/autodiscover.xml", null, null), response);
        assertFalse(response.isError());
    }

    @Test
    void readsErrorAnswer() {
        AutodiscoverV2Response response = AutodiscoverV2Parser.parse(resource("v2-error.json"));

        assertTrue(response.isError());
        assertEquals("InvalidProtocol: The given protocol value 'mapi' is invalid. Supported values are"
                + " 'AutodiscoverV1, ActiveSync, Ews, Rest'.", response.describeError());
    }

    @Test
    void toleratesJsonOfAnotherShape() {
        assertEquals(new AutodiscoverV2Response(null, null, null, null),
                AutodiscoverV2Parser.parse(resource("v2-unknown-shape.json")));
        assertEquals(new AutodiscoverV2Response(null, null, null, null), parse("[{\"Protocol\":\"Ews\"}]"));
    }

    @Test
    void matchesKeysIgnoringCase() {
        assertEquals(new AutodiscoverV2Response("Ews", "https://outlook.office365.com/EWS/Exchange.asmx", null, null),
                parse("{\"protocol\":\"Ews\",\"url\":\"https://outlook.office365.com/EWS/Exchange.asmx\"}"));
    }

    @Test
    void rejectsMalformedJsonWithOneLineMessage() {
        AutodiscoverParseException e = assertThrows(AutodiscoverParseException.class,
                () -> parse("{\"Protocol\":\"AutodiscoverV1\",\n\"Url\": https://x}"));

        assertTrue(e.getMessage().startsWith("not well-formed JSON at line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void rejectsDeeplyNestedJson() {
        AutodiscoverParseException e = assertThrows(AutodiscoverParseException.class,
                () -> parse("[".repeat(5000) + "]".repeat(5000)));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void rejectsEmptyAndOversizeFiles() {
        assertEquals("the file is empty",
                assertThrows(AutodiscoverParseException.class, () -> AutodiscoverV2Parser.parse(new byte[0])).getMessage());
        assertThrows(AutodiscoverParseException.class,
                () -> AutodiscoverV2Parser.parse(new byte[AutodiscoverParser.MAX_BYTES + 1]));
    }

    private static AutodiscoverV2Response parse(String json) {
        return AutodiscoverV2Parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
