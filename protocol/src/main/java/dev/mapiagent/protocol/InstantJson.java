package dev.mapiagent.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * {@link Instant} as JSON the way Jackson's {@code JavaTimeModule} writes and reads it with
 * {@code WRITE_DATES_AS_TIMESTAMPS} off: written as ISO-8601 in UTC ({@code 2026-12-02T02:36:05.263Z}, the fraction
 * in groups of three digits, none when zero), read from such text (with any offset, e.g. {@code +02:00}), from a
 * number of seconds since 1970 ({@code 1700000000} or {@code 1700000000.5}) or from such a number as text; empty
 * text and {@code null} read as {@code null}. The text itself is {@link InstantText}'s.
 */
final class InstantJson {

    private InstantJson() {
    }

    static SimpleModule module() {
        return new SimpleModule("InstantJson")
                .addSerializer(Instant.class, new Writer())
                .addDeserializer(Instant.class, new Reader());
    }

    private static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeString(InstantText.format(value));
        }
    }

    private static final class Reader extends StdScalarDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser json, DeserializationContext context) throws IOException {
            JsonToken token = json.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochSecond(json.getLongValue());
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                return seconds(json.getDecimalValue(), json, context);
            }
            if (token != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, json);
            }
            String text = json.getText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                if (isNumber(text)) {
                    return seconds(new BigDecimal(text), json, context);
                }
                return Instant.parse(text);
            } catch (DateTimeException | NumberFormatException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text,
                        "not an ISO-8601 instant: %s", e.getMessage());
            }
        }

        private static Instant seconds(BigDecimal seconds, JsonParser json, DeserializationContext context)
                throws IOException {
            try {
                BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
                return Instant.ofEpochSecond(whole.longValueExact(),
                        seconds.subtract(whole).movePointRight(9).intValue());
            } catch (ArithmeticException | DateTimeException e) {
                return (Instant) context.handleWeirdNumberValue(Instant.class, seconds,
                        "not a number of seconds an instant can hold: %s", e.getMessage());
            }
        }

        private static boolean isNumber(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0)) {
                    return false;
                }
            }
            return true;
        }
    }
}
