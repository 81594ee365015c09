package dev.mapiagent.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * JSON text read into databind's tree with jackson-core's parser and {@link JsonNodeFactory} alone: the tree
 * {@code ObjectMapper.readTree} gives with the protocol's settings, without building the mapper, which costs a cold
 * start of {@code diagnose} about 190 ms where the tree itself takes about 8 ms. As readTree does: a whole number is
 * an IntNode when it fits, else a LongNode, else a BigIntegerNode; any other number a DoubleNode (jackson-core's
 * text parser does not tell a float's precision, so readTree takes a double); a key given twice keeps its first
 * place and its last value. Containers are filled from a stack, not by recursion, so deep nesting is bounded by
 * the parser's nesting limit and not by the agent's small thread stacks.
 */
public final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * The first value of the text, as {@code ObjectMapper.readTree(String)} reads it: a {@code MissingNode} for a
     * text without one, and whatever follows the value is not looked at.
     */
    public static JsonNode read(String text) throws JsonProcessingException {
        try (JsonParser parser = ProtocolJson.factory().createParser(text)) {
            JsonNode value = read(parser);
            return value == null ? NODES.missingNode() : value;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a string", e);
        }
    }

    /**
     * The value the parser is at, or before its first token the next one, as {@code ObjectMapper.readTree(JsonParser)}
     * reads it: null at the end of the input; the value's tokens are consumed, so the parser's current token is
     * cleared and its location is just past the value. Objects are read key by key with
     * {@link JsonParser#nextFieldName()}, as databind reads them, because jackson-core words some errors differently
     * there (a missing value is "expected a valid value (JSON String, Number, ...)").
     */
    public static JsonNode read(JsonParser parser) throws IOException {
        JsonToken token = parser.hasCurrentToken() ? parser.currentToken() : parser.nextToken();
        if (token == null) {
            return null;
        }
        JsonNode root = value(parser, token);
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        if (root instanceof ContainerNode<?> container) {
            open.push(container);
        }
        while (!open.isEmpty()) {
            JsonNode value = next(parser, open.peek());
            if (value == null) {
                open.pop();
            } else if (value instanceof ContainerNode<?> container) {
                open.push(container);
            }
        }
        parser.clearCurrentToken();
        return root;
    }

    /** Reads the next member of the container and adds it; null when the container ends instead. */
    private static JsonNode next(JsonParser parser, ContainerNode<?> parent) throws IOException {
        if (parent instanceof ObjectNode object) {
            String key = parser.nextFieldName();
            if (key == null) {
                return null;
            }
            JsonNode value = value(parser, parser.nextToken());
            object.replace(key, value);
            return value;
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return null;
        }
        JsonNode value = value(parser, token);
        ((ArrayNode) parent).add(value);
        return value;
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return token.isStructStart() ? container(token) : scalar(parser, token);
    }

    private static ContainerNode<?> container(JsonToken start) {
        return start == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
    }

    /** Switches on the token's id, as databind does: a switch on the enum would be one more class to load. */
    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token.id()) {
            case JsonTokenId.ID_STRING -> NODES.textNode(parser.getText());
            case JsonTokenId.ID_NUMBER_INT -> whole(parser);
            case JsonTokenId.ID_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case JsonTokenId.ID_TRUE -> NODES.booleanNode(true);
            case JsonTokenId.ID_FALSE -> NODES.booleanNode(false);
            case JsonTokenId.ID_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "not at a JSON value: " + token);
        };
    }

    private static JsonNode whole(JsonParser parser) throws IOException {
        NumberType type = parser.getNumberType();
        if (type == NumberType.INT) {
            return NODES.numberNode(parser.getIntValue());
        }
        if (type == NumberType.LONG) {
            return NODES.numberNode(parser.getLongValue());
        }
        return NODES.numberNode(parser.getBigIntegerValue());
    }
}
