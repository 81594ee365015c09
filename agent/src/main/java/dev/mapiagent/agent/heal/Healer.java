package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.Report;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Diagnose, plan the remedies, apply them in a safe order with a journal written before each
 * change, diagnose again.
 */
public final class Healer {

    private final HealContext context;
    private final PcState pc;
    private final Clock clock;

    /**
     * @throws UnsafePathException before anything changes, when the agent's own folder or a folder a planned remedy
     *                             acts in is a link
     */
    public HealResult heal(HealRequest request) {
        OwnedFolders.requireNoLink(context.host().localAppData(), context.stateFolder());
        Report before = pc.local();
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

        // Outlook closes before anything changes and starts after, so it cannot write back what was just fixed
        boolean restart = plan.stream().anyMatch(p -> p.hasWork() && p.action() == HealAction.RESTART_OUTLOOK);
        RestartOutlook restartOutlook = (RestartOutlook) Remedies.of(HealAction.RESTART_OUTLOOK);
        RestartOutlook.Closed closed = null;
        JournalStep closeFailed = null;
        if (restart) {
            try {
                closed = restartOutlook.close(context, journal::record);
            } catch (RuntimeException e) {
                closeFailed = failed(HealAction.RESTART_OUTLOOK, e, journal);
            }
        }
        List<JournalStep> steps = new ArrayList<>();
        for (PlannedAction planned : plan) {
            if (planned.hasWork() && planned.action() != HealAction.RESTART_OUTLOOK) {
                steps.add(finish(guarded(planned.action(), journal,
                        () -> Remedies.of(planned.action()).apply(context, journalId, journal::record)), journalId, journal, events));
            }
        }
        if (restart) {
            RestartOutlook.Closed toStart = closed;
            steps.add(finish(closeFailed != null ? closeFailed
                    : guarded(HealAction.RESTART_OUTLOOK, journal, () -> restartOutlook.start(context, toStart)),
                    journalId, journal, events));
        }
        journal.complete();

        Report after = pc.afterHeal();
        events.write(EventLog.Level.INFORMATION, HealEvents.HEAL_FINISHED, "heal " + journalId + " finished: verdict "
                + before.verdict() + " -> " + after.verdict());
        return new HealResult(journalId, false, plan, steps, before, after);
    }

    private static JournalStep finish(JournalStep step, String journalId, JournalWriter journal, EventLog events) {
        journal.record(step);
        boolean applied = step.state() == StepState.APPLIED;
        events.write(applied ? EventLog.Level.INFORMATION : EventLog.Level.ERROR,
                applied ? HealEvents.ACTION_APPLIED : HealEvents.ACTION_FAILED,
                "heal " + journalId + " " + step.action().id() + ": " + step.message());
        return step;
    }

    /** Runs one remedy's work; one that throws still leaves a journal step saying so. */
    private static JournalStep guarded(HealAction action, JournalWriter journal, Supplier<JournalStep> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return failed(action, e, journal);
        }
    }

    /** The step the remedy last recorded (what it saw before changing anything), now failed. */
    private static JournalStep failed(HealAction action, RuntimeException e, JournalWriter journal) {
        String message = "failed: " + e.getMessage();
        return journal.lastOf(action).map(s -> s.withState(StepState.FAILED, message))
                .orElse(new JournalStep(action, StepState.FAILED, message, null, List.of(), List.of()));
    }

    public Healer(HealContext context, PcState pc, Clock clock) {
        this.context = context;
        this.pc = pc;
        this.clock = clock;
    }

    /**
     * The actions to take, in the safe order of {@link HealAction}: settings first, restart last (applied
     * around the others: Outlook closes first and starts last).
     */
    List<PlannedAction> plan(Report before, HealRequest request) {
        Set<HealAction> wanted = request.only().isEmpty() ? remediesOf(before.findings()) : EnumSet.copyOf(request.only());
        if (request.only().isEmpty()) {
            wanted.remove(HealAction.RESTART_OUTLOOK);
        }
        return wanted.stream().sorted().map(a -> Remedies.of(a).plan(context)).toList();
    }

    private static Set<HealAction> remediesOf(List<Finding> findings) {
        Set<HealAction> actions = EnumSet.noneOf(HealAction.class);
        // an info finding (stale SSPI logons on a PC without a problem) names its remedy but is not one to apply unasked
        findings.stream().filter(f -> f.severity().isProblem()).map(Finding::remedy).filter(r -> r != null)
                .forEach(r -> HealAction.byId(r).ifPresent(actions::add));
        return actions;
    }
}
