package dev.mapiagent.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Where the machine's CPU goes during a measurement (Linux /proc): the collector process, this bench process (the
 * client), every PostgreSQL process, and the whole machine (busy time of all cores), so a figure per request can be
 * split into the collector's share, the client's, the database's and everything else (other work on the box, the
 * kernel outside these processes).
 */
final class CpuMeter {

    /**
     * CPU time used so far, in nanoseconds (PostgreSQL: per process, since its backends come and go); collectorGc is
     * the part of the collector's spent by the JVM's garbage collection threads.
     */
    record Sample(long collector, long collectorGc, long client, Map<Long, Long> postgresByPid, long machine) {

        /** The CPU used from {@code before} to this sample. */
        Used minus(Sample before) {
            long postgres = 0;
            for (Map.Entry<Long, Long> process : postgresByPid.entrySet()) {
                // a process that ended meanwhile is missing here: its share is lost (and lands in "other")
                postgres += process.getValue() - before.postgresByPid.getOrDefault(process.getKey(), 0L);
            }
            return new Used(collector - before.collector, collectorGc - before.collectorGc, client - before.client,
                    postgres, machine - before.machine);
        }
    }

    /** CPU time used during a measurement, in nanoseconds. */
    record Used(long collector, long collectorGc, long client, long postgres, long machine) {

        long other() {
            return machine - collector - client - postgres;
        }
    }

    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;  // USER_HZ is 100 on Linux

    private CpuMeter() {
    }

    static Sample sample(Process collector) {
        return new Sample(cpuNanos(collector.toHandle()), gcThreadNanos(collector.pid()), cpuNanos(ProcessHandle.current()),
                postgresNanos(), machineBusyNanos());
    }

    /**
     * utime + stime of the process's garbage collection threads, found by the names HotSpot gives them ("GC Thread#0",
     * G1's "G1 Conc#0", "G1 Refine#0", "G1 Main Marker", "G1 Service", and the "VM Thread" that runs the pauses of
     * the serial collector and the safepoints of the others); 0 without /proc. Collections made by application
     * threads themselves (none in HotSpot's collectors) would not be counted.
     */
    private static long gcThreadNanos(long pid) {
        long nanos = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                nanos += statCpuNanos(thread.resolve("stat"), CpuMeter::isGcThread).orElse(0);
            }
        } catch (IOException noProc) {
            return 0;
        }
        return nanos;
    }

    private static boolean isGcThread(String name) {
        return name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread");
    }

    /** The process's CPU time (user + system), as the JDK reads it from /proc on Linux. */
    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("this OS does not report process " + process.pid() + "'s CPU time"));
    }

    /** utime + stime of every process named postgres (all clusters on the box; none without /proc), by pid. */
    private static Map<Long, Long> postgresNanos() {
        Map<Long, Long> byPid = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                statCpuNanos(process.resolve("stat"), "postgres"::equals).ifPresent(nanos ->
                        byPid.put(Long.parseLong(process.getFileName().toString()), nanos));
            }
        } catch (IOException noProc) {
            return Map.of();
        }
        return byPid;
    }

    /**
     * A process's or thread's user + system time in nanoseconds from its /proc stat file, when its name (comm)
     * passes the test; empty when it does not or has ended meanwhile.
     */
    private static OptionalLong statCpuNanos(Path statFile, Predicate<String> name) {
        String stat;
        try {
            stat = Files.readString(statFile);
        } catch (IOException gone) {
            return OptionalLong.empty();
        }
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0 || !name.test(stat.substring(stat.indexOf('(') + 1, nameEnd))) {
            return OptionalLong.empty();
        }
        // after "pid (comm) ": state is field 3, utime field 14, stime field 15
        String[] fields = stat.substring(nameEnd + 2).split(" ");
        return OptionalLong.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
    }

    /** Busy time of all cores together: the first line of /proc/stat without idle and iowait. */
    private static long machineBusyNanos() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {  // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException noProc) {
            return 0;
        }
    }
}
