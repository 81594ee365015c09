package dev.mapiagent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The collectors under test: the bench starts collector jars as processes of their own (fresh data directory or
 * fresh PostgreSQL schema, free port, enrollment secret and admin password), or uses one already running (--url).
 */
final class Collectors implements AutoCloseable {

    /** One collector: where it listens, and its process when the bench started it. */
    record Instance(String baseUrl, Process process) {

        /** Resident memory and thread count of the process, from /proc (Linux), or null when not ours. */
        String residentMemory() {
            if (process == null) {
                return "n/a (not started by the bench)";
            }
            try {
                List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));
                long rssKb = field(status, "VmRSS:");
                long threads = field(status, "Threads:");
                return (rssKb / 1024) + " MiB RSS, " + threads + " threads";
            } catch (IOException e) {
                return "n/a (" + e.getMessage() + ")";
            }
        }

        /** The output of a jcmd diagnostic command run against the process (GC.run, GC.heap_info, ...). */
        String jcmd(String command) {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            try {
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("jcmd " + command + " failed: " + out);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static long field(List<String> status, String name) {
            return status.stream().filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0])).orElse(-1L);
        }
    }

    private final BenchOptions options;
    private final Api api;
    private final List<Instance> started = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private final String enrollSecret;
    private final String adminPassword;

    Collectors(BenchOptions options, Api api) {
        this.options = options;
        this.api = api;
        this.enrollSecret = options.url != null ? options.enrollSecret : "bench-" + UUID.randomUUID();
        this.adminPassword = options.url != null ? options.adminPassword : "bench-admin-" + UUID.randomUUID();
    }

    String enrollSecret() {
        return enrollSecret;
    }

    String adminPassword() {
        return adminPassword;
    }

    /**
     * The running collector (--url), or a new one on the database URL (null: embedded H2 in a temp directory). The
     * free port is only free when looked up: on a machine other benches share, another process may take it before
     * the collector binds it, so a start that fails for that alone is tried again on another port.
     */
    Instance start(String dbUrl) {
        if (options.url != null) {
            return new Instance(options.url.replaceAll("/+$", ""), null);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnFreePort(dbUrl);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    /** The collector exited because another process took its port first. */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String message) {
            super(message);
        }
    }

    private Instance startOnFreePort(String dbUrl) {
        try {
            Path work = Files.createTempDirectory("mapi-bench");
            workDirs.add(work);
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(List.of(options.collectorJvmOptions.trim().split("\\s+")));
            command.addAll(List.of("-jar", options.collectorJar.toString(), "serve", "--port", Integer.toString(port),
                    "--data-dir", work.resolve("data").toString(), "--enroll-secret", enrollSecret,
                    "--admin-password", adminPassword,
                    // every simulated device enrolls from this one address
                    "--enroll-rate-per-minute", "1000000"));
            if (dbUrl != null) {
                command.addAll(List.of("--db", dbUrl));
            }
            Path log = work.resolve("collector.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Instance instance = new Instance("http://127.0.0.1:" + port, process);
            started.add(instance);
            awaitHealthy(instance, log);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Instance instance, Path log) throws IOException {
        long deadline = System.nanoTime() + 300_000_000_000L;  // a machine shared with builds can be slow
        while (!api.healthy(instance.baseUrl())) {
            if (!instance.process().isAlive() || System.nanoTime() > deadline) {
                List<String> lines = Files.readAllLines(log);
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
                String message = "collector at " + instance.baseUrl() + " did not start:\n" + tail;
                if (!instance.process().isAlive() && tail.contains("Port already in use")) {
                    throw new PortTaken(message);
                }
                throw new IllegalStateException(message);
            }
            sleep(200);
        }
    }

    /** Stops the collectors the bench started (SIGTERM, graceful) and removes their data directories. */
    @Override
    public void close() {
        for (Instance instance : started) {
            instance.process().destroy();
        }
        for (Instance instance : started) {
            try {
                if (!instance.process().waitFor(30, TimeUnit.SECONDS)) {
                    instance.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
        for (Path dir : workDirs) {
            deleteTree(dir);
        }
        workDirs.clear();
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
