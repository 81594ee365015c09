package dev.mapiagent.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration both ends use, so a report reads back exactly as it was written. It comes in two
 * builds that write and read the protocol's documents alike: {@link #mapper()} knows every {@code java.time} type
 * (the collector's API answers carry more than instants), {@link #documents()} only {@link java.time.Instant}, the
 * one date-time type of the protocol's documents and of the agent's own files. Each is built on first use.
 */
public final class ProtocolJson {

    private ProtocolJson() {
    }

    /** With Jackson's {@link JavaTimeModule}: every {@code java.time} type, as the collector's answers need. */
    public static ObjectMapper mapper() {
        return WithJavaTime.MAPPER;
    }

    /**
     * Instants only ({@link InstantJson}), written and read as {@link #mapper()} does: what the agent uses, because
     * {@link JavaTimeModule} loads about 75 classes and builds its formatters when it is registered, at every start.
     */
    public static ObjectMapper documents() {
        return InstantsOnly.MAPPER;
    }

    /**
     * jackson-core's parser and generator factory, configured as the mappers' own: what {@code diagnose} reads its
     * snapshot and writes its report with, because building {@link #documents()} (about 340 Jackson classes) costs
     * about 190 ms of a cold start and 55 ms with the start-up archive.
     */
    public static JsonFactory factory() {
        return Streaming.FACTORY;
    }

    private static JsonMapper.Builder common() {
        return JsonMapper.builder()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static final class Streaming {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    private static final class WithJavaTime {
        static final ObjectMapper MAPPER = common().addModule(new JavaTimeModule()).build();
    }

    private static final class InstantsOnly {
        static final ObjectMapper MAPPER = common().addModule(InstantJson.module()).build();
    }
}
