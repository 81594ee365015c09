package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.error.InvalidException;
import dev.mapiagent.protocol.HealAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code actions} array of a heal or bulk heal request: known action names, each once, in the order given. */
final class HealActions {

    private HealActions() {
    }

    static List<HealAction> read(JsonNode body) {
        JsonNode actionsNode = body.get("actions");
        if (actionsNode == null || !actionsNode.isArray()) {
            throw new InvalidException("missing field", "actions must be an array of heal action names");
        }
        Set<HealAction> actions = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode a : actionsNode) {
            HealAction.byId(a.isTextual() ? a.asText() : "").ifPresentOrElse(actions::add, () -> unknown.add(a.toString()));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidException("unknown heal action", String.join(", ", unknown) + "; known: "
                    + Arrays.stream(HealAction.values()).map(HealAction::id).collect(Collectors.joining(", ")));
        }
        return List.copyOf(actions);
    }
}
