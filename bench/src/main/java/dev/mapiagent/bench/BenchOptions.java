package dev.mapiagent.bench;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Sizes and targets of a bench run; the defaults suit a 2-core machine and finish in minutes. */
final class BenchOptions {

    @Option(names = "--url", description = "Use this running collector instead of starting one (then also --enroll-secret and --admin-password).")
    String url;

    @Option(names = "--enroll-secret", defaultValue = "${env:MAPI_BENCH_ENROLL_SECRET}", description = "Enrollment secret of the --url collector.")
    String enrollSecret;

    @Option(names = "--admin-password", defaultValue = "${env:MAPI_BENCH_ADMIN_PASSWORD}", description = "Password of its admin account.")
    String adminPassword;

    @Option(names = "--pg", defaultValue = "${env:MAPI_BENCH_PG_URL}", description = "PostgreSQL JDBC URL: also run on PostgreSQL (a fresh schema per run); needed by scaleout.")
    String pgUrl;

    @Option(names = "--no-embedded", description = "Skip the runs on the embedded database.")
    boolean noEmbedded;

    @Option(names = "--collector-jar", defaultValue = "collector/target/mapi-collector.jar", description = "The collector jar to start (default ${DEFAULT-VALUE}).")
    Path collectorJar;

    @Option(names = "--collector-jvm", defaultValue = "-Xmx1g -XX:MaxGCPauseMillis=20", description = "JVM options of the started collectors (default ${DEFAULT-VALUE}: the heap and the pause goal the packages start the collector with).")
    String collectorJvmOptions;

    @Option(names = "--devices", defaultValue = "500", description = "ingest, cost, scaleout: simulated devices (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--seconds", defaultValue = "30", description = "ingest, cost, scaleout: seconds per measured run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "ingest, cost, scaleout: unmeasured warm-up (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--concurrency", defaultValue = "32", description = "Requests in flight for maximum-rate and cost runs and the storm (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--in-flight", split = ",", description = "cost: requests in flight of each measurement, comma-separated (default: --concurrency).")
    List<Integer> inFlight;

    @Option(names = "--client", defaultValue = "lean", description = "cost: the load client, lean (one selector thread, requests serialised beforehand) or jdk (java.net.http, as the other scenarios; to compare) (default ${DEFAULT-VALUE}).")
    String client;

    @Option(names = "--rate", defaultValue = "500", description = "ingest: reports per second of the fixed-rate run (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--storm-devices", defaultValue = "5000", description = "storm: distinct devices enrolling and reporting (default ${DEFAULT-VALUE}; the documented run uses 50000).")
    int stormDevices;

    @Option(names = "--storm-minutes", defaultValue = "10", description = "storm: time budget (default ${DEFAULT-VALUE}).")
    int stormMinutes;

    @Option(names = "--agents", defaultValue = "5000", description = "longpoll: agents parked at once (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--heals", defaultValue = "100", description = "longpoll, scaleout: heals queued and timed (default ${DEFAULT-VALUE}).")
    int heals;

    @Option(names = "--heals-per-second", defaultValue = "5", description = "longpoll: helpdesk click rate (default ${DEFAULT-VALUE}).")
    int healsPerSecond;

    @Option(names = "--wait", defaultValue = "30", description = "longpoll: the agents' wait parameter in seconds (default ${DEFAULT-VALUE}).")
    int wait;

    @Option(names = "--fleet-devices", defaultValue = "50000", description = "fleetview: devices enrolled before the helpdesk reads are timed (default ${DEFAULT-VALUE}).")
    int fleetDevices;

    @Option(names = "--fleet-requests", defaultValue = "200", description = "fleetview: timed requests per query, one at a time (default ${DEFAULT-VALUE}).")
    int fleetRequests;

    /** The in-flight counts of the cost runs: --in-flight, or --concurrency alone. */
    List<Integer> inFlight() {
        return inFlight == null || inFlight.isEmpty() ? List.of(concurrency) : inFlight;
    }
}
