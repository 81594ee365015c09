package dev.mapiagent.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs the named scenarios against collectors it starts (or one given with --url) and prints Markdown tables. */
@Command(name = "mapi-bench", mixinStandardHelpOptions = true,
        description = "Load generator for the mapi collector. Scenarios: ingest, cost, storm, longpoll, scaleout, fleetview, wakeup, parked.")
public final class BenchMain implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Scenarios to run (default: ingest storm longpoll scaleout).")
    List<String> scenarios = List.of("ingest", "storm", "longpoll", "scaleout");

    @Mixin
    BenchOptions options = new BenchOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() {
        for (String scenario : scenarios) {
            if (!List.of("ingest", "cost", "storm", "longpoll", "scaleout", "fleetview", "wakeup", "parked").contains(scenario)) {
                System.err.println("unknown scenario " + scenario + ": use ingest, cost, storm, longpoll, scaleout, fleetview, wakeup or parked");
                return 2;
            }
        }
        if (options.url == null && !Files.isReadable(options.collectorJar)) {
            System.err.println("collector jar " + options.collectorJar + " not found: build it (mvn -B -pl collector -am package -DskipTests) or pass --url");
            return 2;
        }
        if (!List.of("lean", "jdk").contains(options.client)) {
            System.err.println("unknown --client " + options.client + ": use lean or jdk");
            return 2;
        }
        if (options.url != null && (options.enrollSecret == null || options.adminPassword == null)) {
            System.err.println("--url needs --enroll-secret and --admin-password");
            return 2;
        }
        try {
            Targets.of(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println(machine());
        Api api = new Api();
        for (String scenario : scenarios) {
            System.out.println();
            System.out.println(switch (scenario) {
                case "ingest" -> IngestScenario.run(options, api);
                case "cost" -> CostScenario.run(options, api);
                case "storm" -> StormScenario.run(options, api);
                case "longpoll" -> LongPollScenario.run(options, api);
                case "fleetview" -> FleetViewScenario.run(options, api);
                case "wakeup" -> WakeUpScenario.run(options, api);
                case "parked" -> ParkedScenario.run(options, api);
                default -> ScaleOutScenario.run(options, api);
            });
            System.out.flush();
        }
        return 0;
    }

    /** Where and when the figures were taken. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException notLinux) {
            // keep "unknown CPU"
        }
        long memGiB = Math.round(((OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024));
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memGiB
                + " GiB, Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "); " + LocalDate.now(ZoneOffset.UTC) + ". Bench client and collector(s) on the same machine.";
    }
}
