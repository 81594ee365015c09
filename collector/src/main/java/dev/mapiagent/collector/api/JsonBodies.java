package dev.mapiagent.collector.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.TooLargeException;
import dev.mapiagent.collector.error.UnsupportedContentException;
import dev.mapiagent.protocol.ProtocolJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Reads request bodies: size limit, content type, JSON syntax; each failure a clear one-line error. */
public final class JsonBodies {

    /** Content after the JSON value is refused rather than silently dropped (a body is stored as sent). */
    private static final ObjectReader READER = ProtocolJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /** The body as JSON. 413 above the size limit, 415 when it is not declared JSON, 400 when it does not parse. */
    public static JsonNode read(Context ctx) {
        return parse(declaredJsonBytes(ctx));
    }

    /** The body as a JSON object; 400 when it is another JSON value. */
    public static JsonNode object(Context ctx) {
        return requireObject(read(ctx));
    }

    /** A JSON object body with its text. */
    public record ObjectWithText(JsonNode object, String text) {
    }

    /**
     * The body as a JSON object, as {@link #object}, with its text: the body as sent when it is UTF-8 (as JSON
     * between systems must be), so it needs no writing out again; otherwise the object written as text.
     */
    public static ObjectWithText objectWithText(Context ctx) {
        byte[] body = declaredJsonBytes(ctx);
        JsonNode object = requireObject(parse(body));
        // an object starting at the first byte is ASCII-compatible; UTF-16/32 or a byte order mark would not be
        String text = body[0] == '{' ? new String(body, StandardCharsets.UTF_8) : object.toString();
        return new ObjectWithText(object, text);
    }

    private static byte[] declaredJsonBytes(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new UnsupportedContentException("unsupported content type", "send the body as application/json");
        }
        byte[] body = bytes(ctx);
        if (body.length == 0) {
            throw new InvalidException("malformed JSON", "the body is empty");
        }
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = READER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidException("malformed JSON", "the body is empty");
            }
            NulText.refuseIn(node);
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidException("malformed JSON", firstLine(e.getOriginalMessage()) + where);
        } catch (IOException e) {
            throw new InvalidException("malformed JSON", firstLine(e.getMessage()));
        }
    }

    private static JsonNode requireObject(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidException("malformed request", "expected a JSON object");
        }
        return node;
    }

    /**
     * The raw body, refused with 413 when larger than the limit (checked before and while reading). A body of
     * declared length is read straight into one array of that size (Javalin's reader grows a buffer and copies it).
     */
    public static byte[] bytes(Context ctx) {
        long length = ctx.contentLength();
        if (length > BodyLimit.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (length < 0) {
            return ctx.bodyAsBytes();
        }
        byte[] body = new byte[(int) length];
        try {
            int read = ctx.req().getInputStream().readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        } catch (IOException notReceived) {
            throw new UncheckedIOException(notReceived); // answered as a request not received (ErrorHandling)
        }
    }

    static TooLargeException tooLarge() {
        return new TooLargeException("request body too large", "the limit is " + BodyLimit.MAX_BODY_BYTES + " bytes");
    }

    /** A JSON object member as text, or null when absent or null; 400 when present but not text. */
    public static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidException("invalid field", field + " must be a string");
        }
        return value.asText();
    }

    public static String requiredText(JsonNode body, String field, int maxLength) {
        String value = text(body, field);
        if (value == null || value.isBlank()) {
            throw new InvalidException("missing field", field + " is required");
        }
        if (value.length() > maxLength) {
            throw new InvalidException("invalid field", field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.lines().findFirst().orElse(message);
    }
}
