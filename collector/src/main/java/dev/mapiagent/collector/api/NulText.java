package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.error.InvalidException;
import io.javalin.http.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Refuses the NUL character (U+0000) in any text a request carries: PostgreSQL cannot store it in a text column,
 * so a request holding one would fail with a 500 on every retry. It is refused up front with a 400 instead, on
 * both databases alike.
 */
public final class NulText {

    private static final char NUL = '\u0000';

    private NulText() {
    }

    /** Before every request: the path and the query parameters. */
    public static void refuseInUrl(Context ctx) {
        if (ctx.path().indexOf(NUL) >= 0) {
            throw refused("the path");
        }
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            if (param.getKey().indexOf(NUL) >= 0 || param.getValue().stream().anyMatch(v -> v.indexOf(NUL) >= 0)) {
                throw refused("query parameter " + param.getKey().replace(NUL, '?'));
            }
        }
    }

    /** Every string and member name of a JSON document. */
    static void refuseIn(JsonNode document) {
        record At(String pointer, JsonNode node) {
        }
        Deque<At> pending = new ArrayDeque<>();
        pending.push(new At("", document));
        while (!pending.isEmpty()) {
            At at = pending.pop();
            if (at.node().isTextual() && at.node().textValue().indexOf(NUL) >= 0) {
                throw refused(at.pointer().isEmpty() ? "the body" : at.pointer());
            }
            if (at.node().isArray()) {
                for (int i = 0; i < at.node().size(); i++) {
                    pending.push(new At(at.pointer() + "/" + i, at.node().get(i)));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = at.node().fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String pointer = at.pointer() + "/" + field.getKey().replace(NUL, '?');
                if (field.getKey().indexOf(NUL) >= 0) {
                    throw refused(pointer);
                }
                pending.push(new At(pointer, field.getValue()));
            }
        }
    }

    private static InvalidException refused(String where) {
        return new InvalidException("NUL character in text", "text must not contain U+0000 (at " + where + ")");
    }
}
