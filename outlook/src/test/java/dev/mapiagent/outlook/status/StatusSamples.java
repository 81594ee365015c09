package dev.mapiagent.outlook.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample files under src/test/resources/status, decoded as UTF-8 exactly as stored (BOM kept). */
final class StatusSamples {

    private StatusSamples() {
    }

    static String text(String name) {
        try (InputStream in = StatusSamples.class.getResourceAsStream("/status/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedStatusTable parsed(String name) {
        return ConnectionStatusParser.parse(text(name));
    }
}
