package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.diagnosis.Diagnoser;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.Report;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Diagnose, plan the remedies, apply them in a safe order with a journal written before each
 * change, diagnose again.
 */
public final class Healer {

    private final HealContext context;
    private final Diagnoser diagnoser;
    private final DiagnosisInput input;
    private final Clock clock;

    /**
     * @throws UnsafePathException before anything changes, when the agent's own folder or a folder a planned remedy
     *                             acts in is a link
     */
    public HealResult heal(HealRequest request) {
        OwnedFolders.requireNoLink(context.host().localAppData(), context.stateFolder());
        Report before = diagnoser.diagnose(inputNow());
        List<PlannedAction> plan = plan(before, request);
        if (request.dryRun() || plan.stream().noneMatch(PlannedAction::hasWork)) {
            return new HealResult(null, request.dryRun(), plan, List.of(), before, request.dryRun() ? null : before);
        }
        String journalId = JournalStore.newId(clock);
        JournalWriter journal = new JournalWriter(new JournalStore(context.stateFolder()), journalId, clock.instant(),
                before.hostname());
        EventLog events = context.host().eventLog();
        events.write(EventLog.Level.INFORMATION, HealEvents.HEAL_STARTED, "heal " + journalId + " started: "
                + plan.stream().filter(PlannedAction::hasWork).map(p -> p.action().id()).collect(Collectors.joining(", ")));

        List<JournalStep> steps = new ArrayList<>();
        for (PlannedAction planned : plan) {
            if (planned.hasWork()) {
                JournalStep step = apply(planned.action(), journalId, journal);
                journal.record(step);
                steps.add(step);
                boolean applied = step.state() == StepState.APPLIED;
                events.write(applied ? EventLog.Level.INFORMATION : EventLog.Level.ERROR,
                        applied ? HealEvents.ACTION_APPLIED : HealEvents.ACTION_FAILED,
                        "heal " + journalId + " " + step.action().id() + ": " + step.message());
            }
        }
        journal.complete();

        Report after = diagnoser.diagnose(input.withoutConnectionStatus());
        events.write(EventLog.Level.INFORMATION, HealEvents.HEAL_FINISHED, "heal " + journalId + " finished: verdict "
                + before.verdict() + " -> " + after.verdict());
        return new HealResult(journalId, false, plan, steps, before, after);
    }

    /**
     * The host's own Connection Status table (a snapshot's) was captured before any heal its state
     * folder records; once one has completed, the table no longer describes Outlook.
     */
    private DiagnosisInput inputNow() {
        return new JournalStore(context.stateFolder()).anyCompleted() ? input.withoutConnectionStatus() : input;
    }

    /** A remedy that throws still leaves a journal step saying so, with what it recorded before. */
    private JournalStep apply(HealAction action, String journalId, JournalWriter journal) {
        try {
            return Remedies.of(action).apply(context, journalId, journal::record);
        } catch (RuntimeException e) {
            String message = "failed: " + e.getMessage();
            return journal.lastOf(action).map(s -> s.withState(StepState.FAILED, message))
                    .orElse(new JournalStep(action, StepState.FAILED, message, null, List.of(), List.of()));
        }
    }

    public Healer(HealContext context, Diagnoser diagnoser, DiagnosisInput input, Clock clock) {
        this.context = context;
        this.diagnoser = diagnoser;
        this.input = input;
        this.clock = clock;
    }

    /** The actions to take, in the safe order of {@link HealAction}: settings first, restart last. */
    List<PlannedAction> plan(Report before, HealRequest request) {
        Set<HealAction> wanted = request.only().isEmpty() ? remediesOf(before.findings()) : EnumSet.copyOf(request.only());
        if (request.only().isEmpty()) {
            wanted.remove(HealAction.RESTART_OUTLOOK);
        }
        return wanted.stream().sorted().map(a -> Remedies.of(a).plan(context)).toList();
    }

    private static Set<HealAction> remediesOf(List<Finding> findings) {
        Set<HealAction> actions = EnumSet.noneOf(HealAction.class);
        findings.stream().map(Finding::remedy).filter(r -> r != null)
                .forEach(r -> HealAction.byId(r).ifPresent(actions::add));
        return actions;
    }
}
