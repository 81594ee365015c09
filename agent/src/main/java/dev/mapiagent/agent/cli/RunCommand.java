package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.collector.AgentHttp;
import dev.mapiagent.agent.collector.CollectorAddress;
import dev.mapiagent.agent.collector.CollectorClient;
import dev.mapiagent.agent.collector.DeviceIdentity;
import dev.mapiagent.agent.collector.DeviceKeyStore;
import dev.mapiagent.agent.collector.Spool;
import dev.mapiagent.agent.collector.TokenStore;
import dev.mapiagent.agent.collector.TrustAnchors;
import dev.mapiagent.agent.config.AgentConfig;
import dev.mapiagent.agent.config.ConfigFiles;
import dev.mapiagent.agent.config.ConfigLoader;
import dev.mapiagent.agent.diagnosis.Diagnoser;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.diagnosis.PcState;
import dev.mapiagent.agent.diagnosis.probe.EndpointProber;
import dev.mapiagent.agent.heal.HealContext;
import dev.mapiagent.agent.heal.Healer;
import dev.mapiagent.agent.heal.JournalStore;
import dev.mapiagent.agent.host.AgentLogFile;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.StateFolder;
import dev.mapiagent.agent.host.WindowsEdition;
import dev.mapiagent.agent.run.CommandRunner;
import dev.mapiagent.agent.run.FinishedCommands;
import dev.mapiagent.agent.run.Jitter;
import dev.mapiagent.agent.run.LogonCycle;
import dev.mapiagent.agent.run.ResidentLoop;
import dev.mapiagent.agent.run.RunLog;
import dev.mapiagent.agent.run.SingleInstance;
import dev.mapiagent.agent.startup.StartupArchiveStep;
import dev.mapiagent.protocol.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The logon mode (DESIGN.md §7): one instance per user; after a random delay diagnose, heal what policy
 * lets the agent heal by itself, report, run the helpdesk's commands; then, when policy says so, keep
 * polling. Silent on success (the story is in {@code <state>/logs/agent.log}); exit 0 when the cycle
 * completed, also when the collector was unreachable and the report was spooled.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Logon mode: diagnose, report to the collector, run helpdesk commands, keep polling.")
public class RunCommand implements Callable<Integer> {

    static final Duration COLLECTOR_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration COLLECTOR_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    static final int SPOOL_MAX_ITEMS = 200;
    static final long SPOOL_MAX_BYTES = 20L * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    SnapshotOption snapshotOption;

    @Option(names = "--once", description = "One cycle, then exit, whatever StayResident says.")
    boolean once;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON config file (default: %%ProgramData%%\\MapiAgent\\agent.json; with --snapshot, DIR/agent.json). Policy overrides it.")
    Path configFile;

    @Option(names = {"-v", "--verbose"}, description = "Show the cause of internal errors.")
    boolean verbose;

    private final HostProvider hosts;

    RunCommand(HostProvider hosts) {
        this.hosts = hosts;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Host host = hosts.open(snapshotOption.snapshot);
        Path state = HealContext.stateFolderOf(host);
        Optional<WindowsEdition> edition = host.windowsEdition();
        AgentConfig config = ConfigLoader.load(host.registry(),
                ConfigFiles.resolve(configFile, snapshotOption.snapshot, Optional.ofNullable(System.getenv("ProgramData"))),
                edition.map(WindowsEdition::multiSession).orElse(false));
        CollectorAddress address = CollectorAddress.parse(config.collectorUrl());
        Optional<SingleInstance> instance = SingleInstance.acquire(state);
        if (instance.isEmpty()) {
            spec.commandLine().getErr().println("mapi-agent: already running for this user; nothing to do");
            spec.commandLine().getErr().flush();
            return ExitCode.OK;
        }
        Clock clock = Clock.systemUTC();
        RunLog log = new RunLog(AgentLogFile.of(host.localAppData(), clock));
        RandomGenerator random = RandomGenerator.getDefault();
        try (SingleInstance held = instance.get();
             CloseableHttpClient http = AgentHttp.client(TrustAnchors.context(config.collectorCaCertificate()),
                     COLLECTOR_CONNECT_TIMEOUT, COLLECTOR_RESPONSE_TIMEOUT);
             CloseableHttpClient probeHttp = AgentHttp.client(TrustAnchors.system(), DiagnoseCommand.PROBE_TIMEOUT,
                     DiagnoseCommand.PROBE_TIMEOUT);
             CollectorClient collector = new CollectorClient(address, http,
                     new TokenStore(state, host.secretProtector()), new DeviceKeyStore(state, host.secretProtector()),
                     new DeviceIdentity(host.deviceId(), host.hostname(), host.userName()), config.enrollSecret())) {
            log.info("started on " + host.describe() + edition.map(e -> ", " + e.describe()).orElse("") + " with " + config);
            ResidentLoop.sleep(new Jitter(random).upTo(config.startDelayMax()));
            DiagnosisInput input = DiagnosisInput.defaults();
            Diagnoser diagnoser = new Diagnoser(host, clock, AgentVersion.current(), OsRandomIds.create());
            PcState pc = new PcState(diagnoser, input, new JournalStore(state)::anyCompleted,
                    config.probeEndpoints() ? Optional.of(new EndpointProber(probeHttp)) : Optional.empty());
            Healer healer = new Healer(HealContext.of(host, input.officeCredentialPrefixes()), pc, clock);
            CommandRunner commands = new CommandRunner(healer, config.allowedRemoteActions(), host.eventLog(), pc, clock,
                    new FinishedCommands(state));
            LogonCycle cycle = new LogonCycle(pc, healer, commands, config, collector,
                    new Spool(state.resolve(StateFolder.SPOOL), SPOOL_MAX_ITEMS, SPOOL_MAX_BYTES), log, host.eventLog());
            boolean delivered = cycle.first();
            keepStartupArchive(log);
            if (once || !config.stayResident()) {
                log.info("cycle done; exiting (" + (once ? "--once" : stayResidentOff(edition)) + ")");
                return ExitCode.OK;
            }
            new ResidentLoop(cycle, host.idleMemory(), log, random).run(delivered, config.pollInterval());
            return ExitCode.OK;
        }
    }

    /** Why a multi-session host's agent exits, so an administrator finds the setting that changes it. */
    static String stayResidentOff(Optional<WindowsEdition> edition) {
        return edition.filter(WindowsEdition::multiSession).isPresent()
                ? "StayResident is 0, the default on a multi-session host; the StayResident policy set to 1 keeps the agent"
                + " resident" : "StayResident is 0";
    }

    private void keepStartupArchive(RunLog log) throws InterruptedException {
        // A dry-run heal, not diagnose: it runs the whole diagnosis and then writes its answer with the JSON mapper,
        // which diagnose no longer builds but this logon mode does (its settings, spool and collector answers), so
        // the one archive holds the classes of both starts. A dry run changes nothing on the PC.
        List<String> training = new ArrayList<>(List.of("heal", "--dry-run", "--json"));
        if (snapshotOption.snapshot != null) {
            training.addAll(List.of("--snapshot", snapshotOption.snapshot.toString()));
        }
        StartupArchiveStep.keep(Main.class.getName(), training).ifPresent(o -> {
            if (o.warning()) {
                log.warn(o.line());
            } else {
                log.info(o.line());
            }
        });
    }
}
