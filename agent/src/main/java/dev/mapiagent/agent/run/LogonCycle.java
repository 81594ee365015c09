package dev.mapiagent.agent.run;

import dev.mapiagent.agent.collector.CollectorClient;
import dev.mapiagent.agent.collector.CollectorException;
import dev.mapiagent.agent.collector.PendingCommand;
import dev.mapiagent.agent.collector.Spool;
import dev.mapiagent.agent.collector.SpoolItem;
import dev.mapiagent.agent.config.AgentConfig;
import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.heal.HealEvents;
import dev.mapiagent.agent.heal.HealRequest;
import dev.mapiagent.agent.heal.HealResult;
import dev.mapiagent.agent.heal.Healer;
import dev.mapiagent.agent.heal.UnsafePathException;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.HealAction;
import dev.mapiagent.protocol.ProtocolJson;
import dev.mapiagent.protocol.Report;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the logon mode does: the first cycle diagnoses, heals what policy lets it heal by itself, reports
 * and runs the helpdesk's commands; later polls only deliver what waits in the spool and run new commands.
 * Everything to send goes through the spool, so order and exactly-once delivery are the same whether the
 * collector was up or not.
 */
public final class LogonCycle {

    private final PcState pc;
    private final Healer healer;
    private final CommandRunner commands;
    private final AgentConfig config;
    private final CollectorClient collector;
    private final Spool spool;
    private final RunLog log;
    private final EventLog events;
    private long commandsRun;
    /** Why the last delivery stopped, already logged; null after a complete one. */
    private String lastStop;

    public LogonCycle(PcState pc, Healer healer, CommandRunner commands, AgentConfig config, CollectorClient collector,
                      Spool spool, RunLog log, EventLog events) {
        this.pc = pc;
        this.healer = healer;
        this.commands = commands;
        this.config = config;
        this.collector = collector;
        this.spool = spool;
        this.log = log;
        this.events = events;
    }

    /** The first cycle after logon; true when the collector took everything. */
    public boolean first() {
        Report report = pc.now();
        log.info("diagnosis " + report.reportId() + ": verdict " + report.verdict() + ", " + report.findings().size()
                + " finding(s)");
        spool.add(SpoolItem.report(ProtocolJson.documents().valueToTree(report)));
        autoHeal(report).ifPresent(after -> spool.add(SpoolItem.report(ProtocolJson.documents().valueToTree(after))));
        return poll(Duration.ZERO);
    }

    /**
     * Delivers the spool, then fetches (waiting up to {@code wait} for one to be queued) and runs
     * pending commands and delivers their results.
     */
    public boolean poll(Duration wait) {
        if (!deliver()) {
            return false;
        }
        List<PendingCommand> pending;
        try {
            pending = collector.fetchCommands(wait);
        } catch (CollectorException e) {
            log.warn("cannot fetch commands: " + e.getMessage());
            return false;
        }
        for (PendingCommand command : pending) {
            if (!command.hasWellFormedId()) {
                log.warn("command " + command.shownId() + " refused whole: not a well-formed command id");
                commands.refuseMalformed(command);
                continue;
            }
            log.info("command " + command.commandId() + ": " + String.join(", ", command.actions())
                    + (commands.alreadyFinished(command) ? " (redelivered; it already ran: sending its result again)" : ""));
            Optional<SpoolItem> result = commands.run(command);
            if (result.isEmpty()) {
                log.warn("command " + command.commandId() + " expired before it could start");
            }
            result.ifPresent(spool::add);
            commandsRun++;
        }
        return pending.isEmpty() || deliver();
    }

    /** Commands fetched and run since logon: the resident loop releases memory after each new one. */
    public long commandsRun() {
        return commandsRun;
    }

    /**
     * Sends what the spool holds. The reason delivery stopped is logged when it changes, not at every retry: a wrong
     * CollectorUrl would otherwise write the same line every backoff for as long as it stays wrong.
     */
    private boolean deliver() {
        Spool.DrainResult drained = spool.drain(collector::send);
        drained.rejected().forEach(r -> log.warn("dropped from the spool: " + r));
        drained.setAside().forEach(r -> {
            log.warn(r);
            events.write(EventLog.Level.WARNING, HealEvents.SPOOL_ITEM_SET_ASIDE, r);
        });
        if (drained.delivered() > 0) {
            log.info("delivered " + drained.delivered() + " item(s) to the collector");
        }
        if (drained.complete()) {
            lastStop = null;
        } else if (!drained.stoppedBy().equals(lastStop)) {
            lastStop = drained.stoppedBy();
            String what = drained.stopKind() == CollectorException.Kind.MISCONFIGURED ? "collector misconfigured"
                    : "collector not reached";
            log.warn(what + ", " + spool.size() + " item(s) spooled (" + spool.dropped() + " dropped so far): "
                    + drained.stoppedBy());
        }
        return drained.complete();
    }

    private Optional<Report> autoHeal(Report report) {
        Set<HealAction> wanted = EnumSet.noneOf(HealAction.class);
        for (Finding f : report.findings().stream().filter(f -> f.severity().isProblem()).toList()) {
            HealAction.byId(f.remedy() == null ? "" : f.remedy())
                    .filter(config.autoHealActions()::contains).ifPresent(wanted::add);
        }
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        if (config.autoHealActions().contains(HealAction.RESTART_OUTLOOK)) {
            wanted.add(HealAction.RESTART_OUTLOOK);
        }
        HealResult result;
        try {
            result = healer.heal(new HealRequest(wanted, false));
        } catch (UnsafePathException e) {
            log.warn("auto-heal " + wanted + " refused: " + e.getMessage());
            return Optional.empty();
        }
        log.info("auto-heal " + wanted + " (journal " + result.journalId() + "): verdict " + result.before().verdict()
                + " -> " + result.after().verdict());
        return Optional.ofNullable(result.after());
    }
}
