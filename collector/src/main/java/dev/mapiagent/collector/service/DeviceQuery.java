package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.DeviceFilter;
import dev.mapiagent.collector.db.DeviceSort;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which devices a list or export covers and in what order, read from the device list's query parameters, each bad
 * value a clear invalid-input error.
 */
public record DeviceQuery(DeviceFilter filter, DeviceSort sort, boolean descending) {

    /** The query parameters that filter (the rest only order or page), as a bulk heal's filter names them too. */
    public static final List<String> FILTER_PARAMETERS = List.of("verdict", "protocol", "finding", "endpoint",
            "officeVersion", "officeChannel", "q", "seenBefore", "seenAfter");

    private static final int MAX_SEARCH = 100;
    private static final Pattern FINDING_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /** The query the parameters describe; {@code param} gives a parameter's value by name, or null. */
    public static DeviceQuery parse(Function<String, String> param) {
        String sortParam = param.apply("sort");
        boolean descending = sortParam != null && sortParam.startsWith("-");
        DeviceSort sort = sortParam == null || sortParam.isBlank() ? DeviceSort.HOSTNAME
                : DeviceSort.byApiName(descending ? sortParam.substring(1) : sortParam.trim())
                .orElseThrow(() -> new InvalidException("invalid sort", "sort must be one of "
                        + Arrays.stream(DeviceSort.values()).map(DeviceSort::apiName).collect(Collectors.joining(", "))
                        + ", with a leading - for descending"));
        return new DeviceQuery(filter(param), sort, descending);
    }

    /** The filter the parameters describe, each bad value a clear invalid-input error. */
    public static DeviceFilter filter(Function<String, String> param) {
        return new DeviceFilter(
                enumName(param.apply("verdict"), "verdict", Verdict.values()),
                enumName(param.apply("protocol"), "protocol", MapiProtocol.values()),
                finding(param.apply("finding")),
                text(param.apply("endpoint"), "endpoint", 255),
                text(param.apply("officeVersion"), "officeVersion", 64),
                text(param.apply("officeChannel"), "officeChannel", 128),
                text(param.apply("q"), "q", MAX_SEARCH),
                instant(param.apply("seenBefore"), "seenBefore"),
                instant(param.apply("seenAfter"), "seenAfter"));
    }

    private static String text(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw new InvalidException("invalid " + name, name + " is longer than " + max + " characters");
        }
        return trimmed;
    }

    /** The enum constant's name the value spells (any case), or null when blank. */
    static String enumName(String value, String name, Enum<?>[] values) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String wanted = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values).map(Enum::name).filter(wanted::equals).findFirst()
                .orElseThrow(() -> new InvalidException("invalid " + name, name + " must be one of "
                        + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "))));
    }

    private static String finding(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.trim();
        if (!FINDING_CODE.matcher(code).matches()) {
            throw new InvalidException("invalid finding", "finding must be a finding code such as MAPIHTTP_DISABLED_REGISTRY");
        }
        return code;
    }

    /** An instant ({@code 2026-11-25T08:00:00Z}) or a day ({@code 2026-11-25}, its start in UTC). */
    private static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidException("invalid " + name, name + " must be a time like 2026-11-25T08:00:00Z or a day like 2026-11-25");
        }
    }
}
