package dev.mapiagent.collector.api;

import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.collector.error.TooLargeException;
import dev.mapiagent.collector.error.UnsupportedContentException;
import dev.mapiagent.outlook.status.ConnectionStatusAssessment;
import dev.mapiagent.outlook.status.ConnectionStatusParser;
import dev.mapiagent.outlook.status.FailureThreshold;
import dev.mapiagent.outlook.status.ParsedStatusTable;
import dev.mapiagent.outlook.status.StatusParseException;
import dev.mapiagent.outlook.status.StatusTooLargeException;
import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.MapiProtocol;
import dev.mapiagent.protocol.UnreadableLine;
import dev.mapiagent.protocol.Verdict;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

/**
 * The paste box: a helpdesk user pastes the Connection Status table from a user's screen and gets it read by the
 * same parser and assessment the agent uses (module outlook).
 */
public final class StatusPasteRoutes {

    /** {@code POST /api/v1/parse-status} answer. */
    public record ParsedStatus(Verdict verdict, MapiProtocol protocol, String dialect, List<Finding> findings,
                               List<ConnectionRow> rows, List<UnreadableLine> unreadable) {
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/parse-status", this::parse, Role.VIEWER);
    }

    private void parse(Context ctx) {
        String text = text(ctx);
        try {
            ParsedStatusTable table = ConnectionStatusParser.parse(text);
            ConnectionStatusAssessment assessment = ConnectionStatusAssessment.assess(table, FailureThreshold.DEFAULT);
            ctx.json(new ParsedStatus(assessment.verdict(), assessment.protocol(), table.dialect().name(),
                    assessment.findings(), table.rows(), table.unreadable()));
        } catch (StatusTooLargeException e) {
            throw new TooLargeException("request body too large", e.getMessage());
        } catch (StatusParseException e) {
            throw new InvalidException("not a Connection Status table", e.getMessage());
        }
    }

    /** The body as text in its declared charset (UTF-8 when none); 415 unless it is text/plain. */
    private static String text(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            throw new UnsupportedContentException("unsupported content type", "send the pasted table as text/plain");
        }
        Charset charset = charsetOf(contentType);
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(JsonBodies.bytes(ctx))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidException("not a Connection Status table", "the text is not valid " + charset.name());
        }
    }

    private static Charset charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring("charset=".length()).replace("\"", "").trim());
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new UnsupportedContentException("unsupported charset", p.substring("charset=".length()));
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
