package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.error.InvalidException;
import io.javalin.http.Context;
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
        if (holdsNul(document)) {
            throw refused(where(document, ""));
        }
    }

    /** The scan every body gets: no allocation beyond the members' iterators. */
    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsNul(element)) {
                    return true;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().indexOf(NUL) >= 0 || holdsNul(field.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** The JSON pointer of the first text holding a NUL below the node (a refused body only). */
    private static String where(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return pointer.isEmpty() ? "the body" : pointer;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (holdsNul(node.get(i))) {
                    return where(node.get(i), pointer + "/" + i);
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = pointer + "/" + field.getKey().replace(NUL, '?');
            if (field.getKey().indexOf(NUL) >= 0) {
                return at;
            }
            if (holdsNul(field.getValue())) {
                return where(field.getValue(), at);
            }
        }
        return pointer;
    }

    private static InvalidException refused(String where) {
        return new InvalidException("NUL character in text", "text must not contain U+0000 (at " + where + ")");
    }
}
