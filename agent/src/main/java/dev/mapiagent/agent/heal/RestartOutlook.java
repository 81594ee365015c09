package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.ProcessInfo;
import dev.mapiagent.agent.host.Processes;
import dev.mapiagent.protocol.HealAction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Closes Outlook the way a user would and starts it again, so it reads the fixed settings. Only
 * Outlook in the agent's own session, only gracefully: if it does not close, it is left alone.
 */
final class RestartOutlook implements Remedy {

    static final String IMAGE = "OUTLOOK.EXE";
    private static final String APP_PATH_KEY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\OUTLOOK.EXE";

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
        return new PlannedAction(action(), running.stream().map(p -> "process " + p.name() + " pid " + p.pid()).toList(),
                "closed gracefully (no forced termination), then started again");
    }

    @Override
    public JournalStep apply(HealContext context, String journalId, Consumer<JournalStep> journal) {
        Processes processes = context.host().processes();
        List<ProcessInfo> running = outlook(processes);
        JournalStep started = new JournalStep(action(), StepState.STARTED, "closing Outlook", null, List.of(), List.of());
        journal.accept(started);
        List<String> stillOpen = new ArrayList<>();
        for (ProcessInfo process : running) {
            if (!processes.closeGracefully(process, context.outlookCloseWait())) {
                stillOpen.add(String.valueOf(process.pid()));
            }
        }
        if (!stillOpen.isEmpty()) {
            return started.withState(StepState.FAILED, "Outlook (pid " + String.join(", ", stillOpen)
                    + ") did not close within " + context.outlookCloseWait().toSeconds()
                    + " s, perhaps a dialog or unsaved item is open; it was not forced");
        }
        String executable = context.host().registry().string(Hive.HKEY_LOCAL_MACHINE, APP_PATH_KEY, "").orElse(IMAGE);
        processes.start(executable);
        return started.withState(StepState.APPLIED, "Outlook closed and started again");
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
