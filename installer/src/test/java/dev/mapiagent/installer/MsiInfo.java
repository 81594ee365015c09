package dev.mapiagent.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads an MSI back with msitools' {@code msiinfo}, the way an administrator would inspect it. */
final class MsiInfo {

    /** One table: its column names and its rows, each row a map column → value ("" for null). */
    record Table(String name, List<String> columns, List<Map<String, String>> rows) {

        List<Map<String, String>> rowsWhere(String column, String value) {
            return rows.stream().filter(row -> value.equals(row.get(column))).toList();
        }

        Map<String, String> onlyRowWhere(String column, String value) {
            List<Map<String, String>> matches = rowsWhere(column, value);
            if (matches.size() != 1) {
                throw new AssertionError(name + ": expected one row with " + column + " = " + value + ", found "
                        + matches.size() + " in " + rows);
            }
            return matches.get(0);
        }

        List<String> column(String column) {
            return rows.stream().map(row -> row.get(column)).toList();
        }
    }

    private final Path msi;

    MsiInfo(Path msi) {
        this.msi = msi;
    }

    /**
     * {@code msiinfo export FILE TABLE}: column names, column types, table name with the key columns,
     * then one tab-separated line per row, each ended by CR LF (a lone CR stays part of the value).
     */
    Table export(String table) throws IOException {
        List<String> lines = List.of(run("export", msi.toString(), table).split("\r\n"));
        if (lines.size() < 3) {
            throw new AssertionError("msiinfo export " + table + " printed no table: " + lines);
        }
        List<String> columns = Arrays.asList(lines.get(0).split("\t", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(3, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return new Table(table, columns, rows);
    }

    /** {@code msiinfo suminfo FILE} as "Label: value" pairs. */
    Map<String, String> summary() throws IOException {
        Map<String, String> summary = new LinkedHashMap<>();
        for (String line : run("suminfo", msi.toString()).split("\r?\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                summary.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return summary;
    }

    private static String run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("msiinfo"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return out;
    }
}
