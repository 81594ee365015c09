package dev.mapiagent.agent.heal;

import dev.mapiagent.agent.diagnosis.MapiHttpSwitch;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.protocol.HealAction;
import java.util.List;
import java.util.function.Consumer;

/** Sets HKCU\Software\Microsoft\Exchange MapiHttpDisabled to 0; the policy key is never touched. */
final class EnableMapiHttp implements Remedy {

    private static final Hive HIVE = Hive.HKEY_CURRENT_USER;

    @Override
    public HealAction action() {
        return HealAction.ENABLE_MAPIHTTP;
    }

    @Override
    public PlannedAction plan(HealContext context) {
        Long current = current(context.host().registry());
        if (current == null || current == 0) {
            return new PlannedAction(action(), List.of(), "MapiHttpDisabled is not set: nothing to change");
        }
        return new PlannedAction(action(), List.of(target() + ": " + current + " -> 0"),
                "restart Outlook afterwards so it reads the new value");
    }

    @Override
    public JournalStep apply(HealContext context, String journalId, Consumer<JournalStep> journal) {
        Registry registry = context.host().registry();
        Long before = current(registry);
        JournalStep started = new JournalStep(action(), StepState.STARTED, "setting " + target() + " to 0",
                new JournalStep.RegistryChange(HIVE.name(), MapiHttpSwitch.USER_KEY, MapiHttpSwitch.VALUE, before, 0),
                List.of(), List.of());
        journal.accept(started);
        registry.setDword(HIVE, MapiHttpSwitch.USER_KEY, MapiHttpSwitch.VALUE, 0);
        return started.withState(StepState.APPLIED, target() + " was " + before + ", now 0");
    }

    @Override
    public void checkUndo(HealContext context, String journalId, JournalStep step) {
        JournalStep.RegistryChange change = step.registry();
        if (change == null || !HIVE.name().equals(change.hive()) || !MapiHttpSwitch.USER_KEY.equalsIgnoreCase(change.key())
                || !MapiHttpSwitch.VALUE.equalsIgnoreCase(change.value())) {
            throw new UnsafePathException("journal " + journalId + " names a registry value that " + action().id()
                    + " does not own; only " + target() + " is: refused");
        }
    }

    @Override
    public UndoOutcome undo(HealContext context, JournalStep step) {
        JournalStep.RegistryChange change = step.registry();
        Registry registry = context.host().registry();
        if (change.before() == null) {
            registry.deleteValue(HIVE, MapiHttpSwitch.USER_KEY, MapiHttpSwitch.VALUE);
            return new UndoOutcome(action(), UndoOutcome.Status.RESTORED, target() + " removed again (it was absent)");
        }
        registry.setDword(HIVE, MapiHttpSwitch.USER_KEY, MapiHttpSwitch.VALUE, change.before());
        return new UndoOutcome(action(), UndoOutcome.Status.RESTORED, target() + " restored to " + change.before());
    }

    private static Long current(Registry registry) {
        return registry.number(HIVE, MapiHttpSwitch.USER_KEY, MapiHttpSwitch.VALUE).orElse(null);
    }

    private static String target() {
        return HIVE.display(MapiHttpSwitch.USER_KEY) + " " + MapiHttpSwitch.VALUE;
    }
}
