package dev.mapiagent.bench;

import java.util.ArrayList;
import java.util.List;

/** The databases a scenario runs on: the embedded one, PostgreSQL (--pg), or whatever the --url collector uses. */
record Targets(String label, String pgBaseUrl) {

    static List<Targets> of(BenchOptions options) {
        if (options.url != null) {
            return List.of(new Targets("collector at " + options.url, null));
        }
        List<Targets> targets = new ArrayList<>();
        if (!options.noEmbedded) {
            targets.add(new Targets("embedded (H2)", null));
        }
        if (options.pgUrl != null && !options.pgUrl.isBlank()) {
            targets.add(new Targets("PostgreSQL", options.pgUrl));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("--no-embedded without --pg leaves nothing to run on");
        }
        return targets;
    }

    /** A fresh schema when this target is PostgreSQL, else null (try-with-resources skips it). */
    PostgresSchema freshSchema() {
        return pgBaseUrl == null ? null : new PostgresSchema(pgBaseUrl);
    }

    static String dbUrl(PostgresSchema schema) {
        return schema == null ? null : schema.url();
    }
}
