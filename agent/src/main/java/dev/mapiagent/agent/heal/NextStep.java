package dev.mapiagent.agent.heal;

import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.Verdicts;

/**
 * What to do after a heal, in one sentence. Outlook reads MapiHttpDisabled and its Autodiscover cache
 * when it starts, so a fix takes effect only after a restart; administrators' guides add that a
 * profile still on RPC/HTTP after the switch, the cache reset and a restart needs to be re-created
 * (docs/outlook-facts.md, "Still on RPC/HTTP").
 */
public final class NextStep {

    private static final String THEN_CHECK = "capture a new Connection Status; if it still shows RPC/HTTP, re-create"
            + " the Outlook profile";

    private NextStep() {
    }

    public static String after(HealResult result) {
        if (result.dryRun()) {
            return "run heal without --dry-run to apply this plan";
        }
        if (result.anyFailed()) {
            return "a remedy did not complete: fix what its line says and heal again, or undo with mapi-agent undo";
        }
        boolean applied = !result.steps().isEmpty();
        boolean restarted = result.steps().stream().anyMatch(s -> s.action() == HealAction.RESTART_OUTLOOK);
        if (applied) {
            String first = restarted ? "" : "restart Outlook so it uses the change (mapi-agent heal --only restart-outlook),"
                    + " then ";
            return first + THEN_CHECK + remaining(result);
        }
        boolean fellBack = result.before().findings().stream()
                .anyMatch(f -> f.code().equals(FindingCode.CONNECTION_FALLBACK.name()));
        if (fellBack) {
            return "nothing on this PC needed changing: restart Outlook, then " + THEN_CHECK;
        }
        return Verdicts.hasProblem(result.after().findings())
                ? "nothing here can be healed on this PC: follow the advice of the findings below"
                : "none: nothing to fix";
    }

    private static String remaining(HealResult result) {
        return Verdicts.hasProblem(result.after().findings()) ? "; the findings below remain" : "";
    }
}
