package dev.mapiagent.agent.cli;

import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.UnreadableLine;
import dev.mapiagent.protocol.Verdict;
import java.util.List;

/** What {@code parse-status --json} prints. */
record ParseStatusResult(
        Verdict verdict,
        MapiProtocol protocol,
        List<Finding> findings,
        String dialect,
        List<ConnectionRow> rows,
        List<UnreadableLine> unreadable) {
}
