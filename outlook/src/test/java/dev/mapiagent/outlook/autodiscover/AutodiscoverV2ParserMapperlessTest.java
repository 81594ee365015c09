package dev.mapiagent.outlook.autodiscover;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Read without an ObjectMapper, a file reads where the parser's former mapper read it and fails where that one failed,
 * with the same one-line message, but for text after the value: refused at the same place, in plain words. The mapper
 * below is that former one; what is read from the tree, AutodiscoverV2ParserTest shows.
 */
class AutodiscoverV2ParserMapperlessTest {

    private static final ObjectMapper BEFORE = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Protocol\":\"AutodiscoverV1\",\"Url\":\"https://outlook.office365.com/autodiscover/autodiscover.xml\"}",
        "{\"Protocol\":1,\"Url\":true,\"ErrorCode\":null,\"ErrorMessage\":{\"a\":[]}}", "[{\"Protocol\":\"Ews\"}]",
        "\"just text\"", "42", "  \n ", "{\"a\":1}  \n"})
    void whatTheMapperReadIsRead(String json) throws Exception {
        BEFORE.readTree(bytes(json));
        assertDoesNotThrow(() -> AutodiscoverV2Parser.parse(bytes(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} {\"b\":2}", "[1] 2", "\"text\" \"more\""})
    void moreTextAfterTheValueIsRefusedWhereTheMapperStoppedInPlainWords(String json) {
        JsonProcessingException before = assertThrows(JsonProcessingException.class, () -> BEFORE.readTree(bytes(json)));
        AutodiscoverParseException now = assertThrows(AutodiscoverParseException.class,
                () -> AutodiscoverV2Parser.parse(bytes(json)));

        assertEquals(notWellFormedAt(before) + "more text after the JSON value", now.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Protocol\":\"AutodiscoverV1\",\n\"Url\": https://x}",
        "{\"Protocol\":\"Ews\",\"Protocol\":\"Rest\"}", "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":1}\n]", "{\"a\":1", "{\"a\":}", "[1,]",
        "\u00ff\u00fe", "{\"a\":\"\u0001\"}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
                + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]"})
    void whatTheMapperRefusedIsRefusedWithItsMessage(String json) {
        JsonProcessingException before = assertThrows(JsonProcessingException.class, () -> BEFORE.readTree(bytes(json)));
        AutodiscoverParseException now = assertThrows(AutodiscoverParseException.class,
                () -> AutodiscoverV2Parser.parse(bytes(json)));

        assertEquals(notWellFormedAt(before) + before.getOriginalMessage(), now.getMessage());
    }

    private static String notWellFormedAt(JsonProcessingException before) {
        JsonLocation at = before.getLocation();
        return "not well-formed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": ";
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
