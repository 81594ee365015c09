package dev.mapiagent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A tree read without a mapper is the tree {@code ObjectMapper.readTree} reads, number types and key order too. */
class JsonTreesTest {

    private static final ObjectMapper MAPPER = ProtocolJson.documents();
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    static Stream<Path> exampleJsonFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no JSON under " + EXAMPLES);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("exampleJsonFiles")
    void everyJsonFileOfTheExamplesReadsAsReadTreeReadsIt(Path file) throws Exception {
        assertSameTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":[1,[2,[3,{}]],[]],\"b\":{\"c\":{\"d\":null,\"e\":[{\"f\":[]}]}}}",
        "[[[[]]],{},{\"\":\"\"},[null,true,false]]",
        "0", "-0", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
        "[1, -1, 4294967295, -12345678901234567890123]",
        "1.5", "-0.0", "1e10", "1E-7", "-2.5e+300", "0.1000000000000000055511151231257827", "1e400", "4.9e-325",
        "[1.0, 2.50, 1e2, 3]",
        "\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\\u0000\"", "\"é 中文 😀\"",
        "{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":{\"x\":1},\"b\":0,\"a\":[2]}", "{\"a\":{\"a\":{\"a\":1,\"a\":2}}}",
        "true", "false", "null", "\"\"", "[]", "{}", "\"text\"",
        "", "   ", "\n\t ",
        "{\"a\":1} trailing", "[1] ]", "1 2", "{} {\"b\":2}",
        " {\"suiteMask\": 272, \"productType\": 4} "})
    void aTextReadsAsReadTreeReadsIt(String json) throws Exception {
        assertSameTree(json);
    }

    @Test
    void deepNestingWithinTheParsersLimitReadsAsReadTreeReadsIt() throws Exception {
        assertSameTree("[".repeat(999) + "{\"deep\":1}" + "]".repeat(999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[", "{\"a\":}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "tru", "nul",
        "\"unterminated", "01", "NaN", "-", "1.", "'single'", "{a:1}", "\"\\x\"", "{\"a\":1]", "[1}", "]", "}",
        "\"control\u0001char\"", "[\"a\",\n\n  {\"b\": }]"})
    void malformedTextFailsAsReadTreeFails(String json) {
        JsonProcessingException expected = assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(json));
        JsonProcessingException actual = assertThrows(JsonProcessingException.class, () -> JsonTrees.read(json));
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void nestingBeyondTheParsersLimitFailsAsReadTreeFails() {
        String json = "[".repeat(1001) + "]".repeat(1001);
        JsonProcessingException expected = assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(json));
        JsonProcessingException actual = assertThrows(JsonProcessingException.class, () -> JsonTrees.read(json));
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void aValueInsideAStreamIsReadAsReadTreeReadsItAndTheParserStopsOnItsLastToken() throws Exception {
        String json = "[{\"a\":[1,2]}, \"x\", {\"b\":{}}]";
        try (JsonParser mapped = MAPPER.createParser(json);
                JsonParser plain = ProtocolJson.factory().createParser(json)) {
            mapped.nextToken();
            plain.nextToken();
            while (mapped.nextToken() != JsonToken.END_ARRAY) {
                plain.nextToken();
                JsonNode expected = MAPPER.readTree(mapped);
                JsonNode actual = JsonTrees.read(plain);
                assertEquals(expected, actual);
                assertEquals(mapped.currentToken(), plain.currentToken());
                assertEquals(mapped.currentLocation().getCharOffset(), plain.currentLocation().getCharOffset());
            }
        }
    }

    @Test
    void theEndOfTheInputReadsAsNull() throws Exception {
        try (JsonParser parser = ProtocolJson.factory().createParser("  ")) {
            assertNull(JsonTrees.read(parser));
        }
    }

    @Test
    void theSharedFactoryIsConfiguredAsTheMappersOwn() {
        JsonFactory mappers = MAPPER.getFactory();
        JsonFactory shared = ProtocolJson.factory();
        assertEquals(mappers.getFactoryFeatures(), shared.getFactoryFeatures());
        assertEquals(mappers.getParserFeatures(), shared.getParserFeatures());
        assertEquals(mappers.getGeneratorFeatures(), shared.getGeneratorFeatures());
        assertEquals(mappers.streamReadConstraints().getMaxNestingDepth(),
                shared.streamReadConstraints().getMaxNestingDepth());
    }

    /** Equal trees, and equal text: the text shows key order, which ObjectNode's equality ignores. */
    private static void assertSameTree(String json) throws Exception {
        JsonNode expected = MAPPER.readTree(json);
        JsonNode actual = JsonTrees.read(json);
        assertEquals(expected, actual);
        assertEquals(expected.toString(), actual.toString());
        assertEquals(expected.getClass(), actual.getClass());
    }
}
