package dev.mapiagent.agent.heal;

import dev.mapiagent.protocol.HealAction;
import java.util.EnumMap;
import java.util.Map;

/** The remedy of each action. */
final class Remedies {

    private static final Map<HealAction, Remedy> BY_ACTION = new EnumMap<>(HealAction.class);

    static {
        for (Remedy r : new Remedy[] {new EnableMapiHttp(), new ClearOfficeCredentials(), new ResetAutodiscoverCache(),
            new RestartOutlook()}) {
            BY_ACTION.put(r.action(), r);
        }
    }

    private Remedies() {
    }

    static Remedy of(HealAction action) {
        return BY_ACTION.get(action);
    }
}
