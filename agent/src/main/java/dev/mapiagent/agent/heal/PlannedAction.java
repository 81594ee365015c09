package dev.mapiagent.agent.heal;

import dev.mapiagent.protocol.HealAction;
import java.util.List;

/**
 * One action of a heal plan and exactly what it will touch.
 *
 * @param targets each registry value, credential target, file or process it changes; empty when
 *                there is nothing to do (the action is idempotent)
 * @param note    why, or why not
 */
public record PlannedAction(HealAction action, List<String> targets, String note) {

    public boolean hasWork() {
        return !targets.isEmpty();
    }
}
