package dev.mapiagent.installer.deb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a systemd EnvironmentFile= the way systemd does for the forms collector.env uses: NAME=value per line,
 * lines starting with # or ; are comments, blank lines are skipped, and a value in double or single quotes loses
 * its quotes (systemd.exec(5), "EnvironmentFile=").
 */
final class EnvironmentFile {

    private EnvironmentFile() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not NAME=value: " + line);
            }
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            variables.put(line.substring(0, equals).strip(), value);
        }
        return variables;
    }
}
