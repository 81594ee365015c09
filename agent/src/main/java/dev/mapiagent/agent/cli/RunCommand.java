package dev.mapiagent.agent.cli;

import dev.mapiagent.agent.config.AgentConfig;
import dev.mapiagent.agent.config.ConfigFiles;
import dev.mapiagent.agent.config.ConfigLoader;
import dev.mapiagent.agent.diagnosis.DiagnosisInput;
import dev.mapiagent.agent.diagnosis.Diagnoser;
import dev.mapiagent.agent.heal.HealContext;
import dev.mapiagent.agent.heal.Healer;
import dev.mapiagent.agent.host.AgentLogFile;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.report.AgentHttp;
import dev.mapiagent.agent.report.CollectorAddress;
import dev.mapiagent.agent.report.CollectorClient;
import dev.mapiagent.agent.report.DeviceIdentity;
import dev.mapiagent.agent.report.Spool;
import dev.mapiagent.agent.report.DeviceKeyStore;
import dev.mapiagent.agent.report.TokenStore;
import dev.mapiagent.agent.report.TrustAnchors;
import dev.mapiagent.agent.report.probe.EndpointProber;
import dev.mapiagent.agent.run.CommandRunner;
import dev.mapiagent.agent.run.FinishedCommands;
import dev.mapiagent.agent.run.LogonCycle;
import dev.mapiagent.agent.run.PollSchedule;
import dev.mapiagent.agent.run.RunLog;
import dev.mapiagent.agent.run.SingleInstance;
import dev.mapiagent.agent.startup.ArchiveStamp;
import dev.mapiagent.agent.startup.StartupArchive;
import dev.mapiagent.agent.startup.StartupArchiveKeeper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
    /** The longest the agent asks the collector to hold a poll (its limit is 60 s; proxies often cut idle requests at 60 s). */
    static final Duration LONG_POLL_MAX = Duration.ofSeconds(50);
    /** The pause between two long-polls while the collector answers, jittered by PollSchedule. */
    static final Duration LONG_POLL_GAP = Duration.ofSeconds(2);
    static final long SPOOL_MAX_BYTES = 20L * 1024 * 1024;
    static final Duration STARTUP_ARCHIVE_TIMEOUT = Duration.ofSeconds(60);

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
        AgentConfig config = ConfigLoader.load(host.registry(),
                ConfigFiles.resolve(configFile, snapshotOption.snapshot, Optional.ofNullable(System.getenv("ProgramData"))));
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
            log.info("started on " + host.describe() + " with " + config);
            sleep(randomUpTo(config.startDelayMax(), random));
            DiagnosisInput input = DiagnosisInput.defaults();
            Diagnoser diagnoser = new Diagnoser(host, clock, AgentVersion.current());
            Healer healer = new Healer(HealContext.of(host, input.officeCredentialPrefixes()), diagnoser, input, clock);
            LogonCycle cycle = new LogonCycle(diagnoser, healer, state, config, collector,
                    new Spool(state.resolve("spool"), SPOOL_MAX_ITEMS, SPOOL_MAX_BYTES),
                    config.probeEndpoints() ? Optional.of(new EndpointProber(probeHttp)) : Optional.empty(),
                    (h, diagnosis) -> new CommandRunner(h, config.allowedRemoteActions(), host.eventLog(), diagnosis, clock,
                            new FinishedCommands(state)),
                    log);
            boolean delivered = cycle.first();
            keepStartupArchive(log);
            if (once || !config.stayResident()) {
                log.info("cycle done; exiting (" + (once ? "--once" : "StayResident is 0") + ")");
                return ExitCode.OK;
            }
            // the collector holds each poll up to the wait: a queued heal is answered at once
            Duration longest = config.pollInterval().compareTo(LONG_POLL_MAX) < 0 ? config.pollInterval() : LONG_POLL_MAX;
            PollSchedule schedule = new PollSchedule(LONG_POLL_GAP, random);
            long commandsRun = cycle.commandsRun();
            releaseIdleMemory(host, log);
            while (!Thread.currentThread().isInterrupted()) {
                sleep(schedule.next(delivered));
                delivered = cycle.poll(jittered(longest, random));
                if (cycle.commandsRun() != commandsRun) {
                    commandsRun = cycle.commandsRun();
                    releaseIdleMemory(host, log);
                }
            }
            return ExitCode.OK;
        }
    }

    /**
     * After the report, so a slow dump never delays it; a minute is ample for a diagnosis that takes
     * about a second, and a JVM that hangs is stopped so it cannot hold the logon mode.
     */
    private void keepStartupArchive(RunLog log) throws InterruptedException {
        Optional<StartupArchive> archive = StartupArchive.ofThisJvm(Main.class.getName());
        if (archive.isEmpty()) {
            return;
        }
        List<String> training = snapshotOption.snapshot == null ? List.of("diagnose", "--json")
                : List.of("diagnose", "--json", "--snapshot", snapshotOption.snapshot.toString());
        try {
            StartupArchiveKeeper.Result result = new StartupArchiveKeeper(STARTUP_ARCHIVE_TIMEOUT)
                    .keep(archive.get(), ArchiveStamp.ofThisJvm(archive.get()), training);
            switch (result.outcome()) {
                case DUMPED -> log.info("start-up archive made: " + result.detail());
                case FAILED -> log.warn("start-up archive not made: " + result.detail());
                case CURRENT, GAVE_UP -> { }
            }
        } catch (IOException e) {
            log.warn("start-up archive not made: cannot read the agent jar: " + e.getMessage());
        }
    }

    private static void releaseIdleMemory(Host host, RunLog log) {
        log.info("waiting for commands; released idle memory: " + host.idleMemory().release().describe());
    }

    /** 70-100 % of the wait, so that agents that logged on together do not come back together. */
    private static Duration jittered(Duration wait, RandomGenerator random) {
        long seconds = wait.toSeconds();
        return Duration.ofSeconds(seconds * 7 / 10 + random.nextLong(seconds * 3 / 10 + 1));
    }

    private static Duration randomUpTo(Duration max, RandomGenerator random) {
        return max.isZero() ? Duration.ZERO : Duration.ofMillis(random.nextLong(max.toMillis() + 1));
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }
}
