package dev.mapiagent.agent.heal;

import dev.mapiagent.protocol.HealAction;
import java.util.Set;

/**
 * What to heal.
 *
 * @param only   the actions asked for; empty means "the remedies of the findings". restart-outlook
 *               runs only when asked for here.
 * @param dryRun print the plan and change nothing, not even the state folder
 */
public record HealRequest(Set<HealAction> only, boolean dryRun) {

    public HealRequest {
        only = Set.copyOf(only);
    }
}
