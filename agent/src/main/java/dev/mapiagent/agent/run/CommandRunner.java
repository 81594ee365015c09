package dev.mapiagent.agent.run;

import dev.mapiagent.agent.collector.PendingCommand;
import dev.mapiagent.agent.collector.SpoolItem;
import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.heal.HealEvents;
import dev.mapiagent.agent.heal.HealRequest;
import dev.mapiagent.agent.heal.HealResult;
import dev.mapiagent.agent.heal.Healer;
import dev.mapiagent.agent.heal.JournalStep;
import dev.mapiagent.agent.heal.StepState;
import dev.mapiagent.agent.heal.UnsafePathException;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.protocol.CommandResult;
import dev.mapiagent.protocol.CommandStatus;
import dev.mapiagent.protocol.ExitCode;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.Report;
import dev.mapiagent.protocol.Verdicts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one helpdesk command: only known heal actions, only those local policy allows
 * ({@code AllowedRemoteActions}); anything else is refused whole, recorded as event 1020 and reported back.
 * An allowed command is an ordinary heal with its journal.
 *
 * <p>Each command id runs once: the collector redelivers a command whose result it did not get in time, and a
 * command this agent already finished is answered with the result it kept ({@link FinishedCommands}).
 */
public final class CommandRunner {

    private final Healer healer;
    private final Set<HealAction> allowed;
    private final EventLog events;
    private final PcState pc;
    private final Clock clock;
    private final FinishedCommands finished;

    /**
     * @param pc what the PC looks like now, sent as "before" with a refusal
     * @param finished  the results of the commands this agent finished, kept across restarts
     */
    public CommandRunner(Healer healer, Set<HealAction> allowed, EventLog events, PcState pc, Clock clock,
                         FinishedCommands finished) {
        this.healer = healer;
        this.allowed = Set.copyOf(allowed);
        this.events = events;
        this.pc = pc;
        this.clock = clock;
        this.finished = finished;
    }

    /** True when this agent finished the command before: running it again sends the kept result. */
    public boolean alreadyFinished(PendingCommand command) {
        return finished.result(command.commandId()).isPresent();
    }

    /**
     * The result to send, or empty when the command expired before it could start (the collector expires it). A
     * command finished before is not run again: its kept result is returned, to be sent again.
     */
    public Optional<SpoolItem> run(PendingCommand command) {
        if (!command.hasWellFormedId()) {
            throw new IllegalArgumentException("a command with a malformed id is refused, not run: " + command.shownId());
        }
        Optional<SpoolItem> kept = finished.result(command.commandId());
        if (kept.isPresent()) {
            return kept;
        }
        Optional<SpoolItem> result = execute(command);
        // Kept only once the heal finished. A heal interrupted before (agent killed, PC switched off) is run again
        // when the command comes back: that is safe because every heal action is idempotent (healing twice leaves
        // the PC as healing once does), and the interrupted heal's journal stays usable by undo.
        result.ifPresent(finished::remember);
        return result;
    }

    /**
     * Records the refusal of a command whose id is not well-formed: nothing of it runs, and no result is sent, since
     * the id cannot address one.
     */
    public void refuseMalformed(PendingCommand command) {
        events.write(EventLog.Level.WARNING, HealEvents.REMOTE_COMMAND_REFUSED, "remote command " + command.shownId()
                + " refused whole: not a well-formed command id; actions not run: " + String.join(", ", command.actions()));
    }

    private Optional<SpoolItem> execute(PendingCommand command) {
        if (command.expiresAt() != null && clock.instant().isAfter(command.expiresAt())) {
            return Optional.empty();
        }
        List<String> notAllowed = new ArrayList<>();
        Set<HealAction> actions = EnumSet.noneOf(HealAction.class);
        for (String id : command.actions()) {
            Optional<HealAction> action = HealAction.byId(id);
            if (action.isPresent() && allowed.contains(action.get())) {
                actions.add(action.get());
            } else {
                notAllowed.add(id);
            }
        }
        if (notAllowed.isEmpty() && actions.isEmpty()) {
            notAllowed.add("(no action)");
        }
        if (!notAllowed.isEmpty()) {
            String message = "refused: local policy (AllowedRemoteActions) does not allow " + String.join(", ", notAllowed);
            events.write(EventLog.Level.WARNING, HealEvents.REMOTE_COMMAND_REFUSED,
                    "remote command " + command.commandId() + " " + message);
            return Optional.of(result(command, CommandStatus.REFUSED, ExitCode.BAD_INPUT, message, pc.now(), null));
        }
        HealResult heal;
        try {
            heal = healer.heal(new HealRequest(actions, false));
        } catch (UnsafePathException e) {
            events.write(EventLog.Level.WARNING, HealEvents.REMOTE_COMMAND_REFUSED,
                    "remote command " + command.commandId() + " refused: " + e.getMessage());
            return Optional.of(result(command, CommandStatus.REFUSED, ExitCode.BAD_INPUT, "refused: " + e.getMessage(),
                    pc.now(), null));
        }
        boolean failed = heal.anyFailed();
        int exit = failed || Verdicts.hasProblem(heal.after().findings()) ? ExitCode.PROBLEMS : ExitCode.OK;
        return Optional.of(result(command, failed ? CommandStatus.FAILED : CommandStatus.SUCCEEDED, exit,
                summary(heal), heal.before(), heal.after()));
    }

    private static String summary(HealResult heal) {
        String steps = heal.steps().isEmpty() ? "nothing to change"
                : heal.steps().stream().map(CommandRunner::describe).collect(Collectors.joining("; "));
        String journal = heal.journalId() == null ? "" : " (journal " + heal.journalId() + ")";
        return steps + journal + "; verdict " + heal.before().verdict() + " -> " + heal.after().verdict();
    }

    private static String describe(JournalStep step) {
        String state = step.state().name().toLowerCase(Locale.ROOT);
        return step.action().id() + " " + state + (step.state() == StepState.APPLIED ? "" : ": " + step.message());
    }

    private static SpoolItem result(PendingCommand command, CommandStatus status, int exitCode, String message,
                                    Report before, Report after) {
        CommandResult result = new CommandResult(status, exitCode,
                message.length() > 2000 ? message.substring(0, 2000) : message, before, after);
        return SpoolItem.result(command.commandId(), ProtocolJson.documents().valueToTree(result));
    }
}
