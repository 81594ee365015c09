package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.host.CloseOutcome;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Processes;
import dev.mapiagent.protocol.HealAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Closes Outlook the way a user would and starts the very program that was running again, so it reads
 * the fixed settings. Only Outlook in the agent's own session, only gracefully: if it does not close, it
 * is left alone. In a heal with other actions, {@link Healer} closes Outlook before them and starts it
 * after them ({@link #close}, {@link #start}), so Outlook cannot write back what was just fixed.
 */
final class RestartOutlook implements Remedy {

    static final String IMAGE = "OUTLOOK.EXE";

    /**
     * ShellExecute gives the child the caller's token: an elevated agent would start an elevated Outlook,
     * which Send To, Office add-ins and other programs' MAPI and COM calls cannot reach.
     */
    static final String ELEVATED = "not restarted: the agent runs elevated (as administrator) and the Outlook it"
            + " started would run elevated too, which breaks Send To and other programs' MAPI and COM calls;"
            + " close and start Outlook yourself";

    /**
     * What {@link #close} did.
     *
     * @param step        the journal step so far
     * @param executables the programs to start again: those of the Outlook processes that closed
     * @param problems    one text per Outlook that did not close, or why none was asked to
     */
    record Closed(JournalStep step, List<String> executables, List<String> problems) {
    }

    @Override
    public HealAction action() {
        return HealAction.RESTART_OUTLOOK;
    }

    @Override
    public PlannedAction plan(HealContext context) {
        List<ProcessInfo> running = outlook(context.host().processes());
        if (running.isEmpty()) {
            return new PlannedAction(action(), List.of(), "Outlook is not running in this session");
        }
        List<String> targets = running.stream().map(p -> "process " + p.name() + " pid " + p.pid()).toList();
        if (context.host().executionContext().elevated()) {
            return new PlannedAction(action(), targets, ELEVATED);
        }
        return new PlannedAction(action(), targets, "closed gracefully (no forced termination) before the other"
                + " actions, then started again");
    }

    @Override
    public JournalStep apply(HealContext context, String journalId, Consumer<JournalStep> journal) {
        return start(context, close(context, journal));
    }

    /** Journals the step, then asks each Outlook of this session to close, noting the program it ran. */
    Closed close(HealContext context, Consumer<JournalStep> journal) {
        JournalStep started = new JournalStep(action(), StepState.STARTED, "closing Outlook", null, List.of(), List.of());
        journal.accept(started);
        if (context.host().executionContext().elevated()) {
            return new Closed(started, List.of(), List.of(ELEVATED));
        }
        Processes processes = context.host().processes();
        Set<String> executables = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (ProcessInfo process : outlook(processes)) {
            // read before closing: afterwards the id may belong to another program
            Optional<String> executable = processes.imagePath(process);
            CloseOutcome outcome = processes.closeGracefully(process, context.outlookCloseWait());
            if (outcome == CloseOutcome.CLOSED) {
                executables.add(executable.orElse(IMAGE));
            } else if (outcome != CloseOutcome.NOT_RUNNING) {
                problems.add("Outlook (pid " + process.pid() + ") " + outcome.text()
                        + (outcome == CloseOutcome.TIMED_OUT ? " (" + context.outlookCloseWait().toSeconds() + " s)" : ""));
            }
        }
        JournalStep closed = started.withState(StepState.STARTED, executables.isEmpty()
                ? "no Outlook closed" : "Outlook closed; starting " + String.join(", ", executables) + " again");
        journal.accept(closed);
        return new Closed(closed, List.copyOf(executables), List.copyOf(problems));
    }

    /** Starts again what {@link #close} closed; the step fails when an Outlook would not close. */
    JournalStep start(HealContext context, Closed closed) {
        for (String executable : closed.executables()) {
            context.host().processes().start(executable);
        }
        if (!closed.problems().isEmpty()) {
            String restarted = closed.executables().isEmpty() ? "" : "; started again: " + String.join(", ", closed.executables());
            return closed.step().withState(StepState.FAILED, String.join("; ", closed.problems())
                    + (closed.problems().contains(ELEVATED) ? "" : "; it was not forced") + restarted);
        }
        return closed.step().withState(StepState.APPLIED, closed.executables().isEmpty()
                ? "Outlook had already exited" : "Outlook closed and started again (" + String.join(", ", closed.executables()) + ")");
    }

    @Override
    public UndoOutcome undo(HealContext context, JournalStep step) {
        return new UndoOutcome(action(), UndoOutcome.Status.NOT_POSSIBLE, "nothing to undo: Outlook was only restarted");
    }

    private static List<ProcessInfo> outlook(Processes processes) {
        int session = processes.currentSessionId();
        return processes.list().stream()
                .filter(p -> p.name().equalsIgnoreCase(IMAGE) && p.sessionId() == session)
                .toList();
    }
}
