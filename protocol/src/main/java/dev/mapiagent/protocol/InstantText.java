package dev.mapiagent.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An {@link Instant} as the text Jackson's {@code JavaTimeModule} writes with {@code WRITE_DATES_AS_TIMESTAMPS} off:
 * ISO-8601 in UTC ({@code 2026-12-02T02:36:05.263Z}, the fraction in groups of three digits, none when zero). Apart
 * from {@link InstantJson} because {@link ReportJson} writes it too, and loading InstantJson (a databind module)
 * loads databind's serializer and deserializer classes.
 */
final class InstantText {

    /**
     * 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: beyond these years ISO-8601 needs a sign and more digits,
     * which {@link Instant#toString()} writes.
     */
    private static final long FIRST_PLAIN_SECOND = -62_167_219_200L;
    private static final long LAST_PLAIN_SECOND = 253_402_300_799L;

    private InstantText() {
    }

    /**
     * The text {@link Instant#toString()} gives, written out here because {@code toString} builds all of
     * {@code DateTimeFormatter}'s constant formatters the first time, at every start of the agent.
     */
    static String format(Instant instant) {
        if (instant.getEpochSecond() < FIRST_PLAIN_SECOND || instant.getEpochSecond() > LAST_PLAIN_SECOND) {
            return instant.toString();
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30);
        digits(text, utc.getYear(), 4).append('-');
        digits(text, utc.getMonthValue(), 2).append('-');
        digits(text, utc.getDayOfMonth(), 2).append('T');
        digits(text, utc.getHour(), 2).append(':');
        digits(text, utc.getMinute(), 2).append(':');
        digits(text, utc.getSecond(), 2);
        int nano = instant.getNano();
        if (nano > 0) {
            text.append('.');
            if (nano % 1_000_000 == 0) {
                digits(text, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(text, nano / 1_000, 6);
            } else {
                digits(text, nano, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(number);
    }
}
