package dev.mapiagent.outlook.autodiscover;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.protocol.JsonTrees;
import java.io.IOException;
import java.util.Map;

/**
 * Parses the Autodiscover V2 JSON files Outlook keeps in %LOCALAPPDATA%\Microsoft\Outlook\16\*.json.
 *
 * <p>Assumption (the cache format is not documented): a file holds the body of one V2 answer, i.e.
 * {@code https://outlook.office365.com/autodiscover/autodiscover.json/v1.0/<smtp>?Protocol=X}, which
 * is {@code {"Protocol":"AutodiscoverV1","Url":"https://..."}} on success and
 * {@code {"ErrorCode":"...","ErrorMessage":"..."}} on failure. Keys are matched ignoring case.
 * Valid JSON of any other shape is tolerated and yields an empty response; only JSON that is not
 * well-formed (or too large) is an error. V2 never describes MAPI over HTTP: the POX response a
 * V2 "AutodiscoverV1" URL leads to does, and Outlook caches that one as XML.
 *
 * <p>Read with jackson-core and {@link JsonTrees}, not an ObjectMapper: a diagnosis reads these files on every PC
 * with Outlook 2016 or later, and building a mapper costs a cold start about 190 ms.
 */
public final class AutodiscoverV2Parser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private AutodiscoverV2Parser() {
    }

    public static AutodiscoverV2Response parse(byte[] json) {
        if (json.length == 0) {
            throw new AutodiscoverParseException("the file is empty");
        }
        if (json.length > AutodiscoverParser.MAX_BYTES) {
            throw new AutodiscoverParseException("Autodiscover V2 response is " + json.length
                    + " bytes, more than the limit of " + AutodiscoverParser.MAX_BYTES + " bytes");
        }
        JsonNode root = read(json);
        return new AutodiscoverV2Response(
                text(root, "Protocol"), text(root, "Url"), text(root, "ErrorCode"), text(root, "ErrorMessage"));
    }

    private static JsonNode read(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonNode root = JsonTrees.read(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                // where databind's FAIL_ON_TRAILING_TOKENS stopped, in words for the helpdesk rather than its setting's name
                throw new JsonParseException(parser, "more text after the JSON value", parser.currentTokenLocation());
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new AutodiscoverParseException("not well-formed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AutodiscoverParseException("not readable as JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String key) {
        if (root == null || !root.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equalsIgnoreCase(key) && field.getValue().isValueNode()) {
                String value = field.getValue().asText().strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
