package dev.mapiagent.installer.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Debian's own package checker on the collector's package. */
class DebLintianCheck {

    @Test
    void lintianFindsNoErrorsAndNoWarnings() {
        DebPackage.requireTool("lintian", "lintian");
        // Each override in /usr/share/lintian/overrides/mapi-collector says why the tag does not apply.
        DebPackage.Result result = DebPackage.run(
                List.of("lintian", "--fail-on", "error,warning", "--allow-root", DebPackage.file().toString()), Map.of());
        assertEquals(0, result.exitCode(), "lintian:\n" + result.output());
    }
}
