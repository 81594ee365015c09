package dev.mapiagent.agent.run;

import dev.mapiagent.agent.host.IdleMemory;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The resident agent after the first cycle: long-polls the collector for commands until the user logs off, backs off
 * while it cannot be reached, and gives idle memory back after the first cycle and after each new command.
 */
public final class ResidentLoop {

    /** The longest the agent asks the collector to hold a poll (its limit is 60 s; proxies often cut idle requests at 60 s). */
    static final Duration LONG_POLL_MAX = Duration.ofSeconds(50);
    /** The pause between two long-polls while the collector answers, jittered by PollSchedule. */
    static final Duration LONG_POLL_GAP = Duration.ofSeconds(2);

    private final LogonCycle cycle;
    private final IdleMemory idleMemory;
    private final RunLog log;
    private final RandomGenerator random;

    public ResidentLoop(LogonCycle cycle, IdleMemory idleMemory, RunLog log, RandomGenerator random) {
        this.cycle = cycle;
        this.idleMemory = idleMemory;
        this.log = log;
        this.random = random;
    }

    /**
     * Polls until the thread is interrupted.
     *
     * @param delivered    whether the first cycle's delivery was complete
     * @param pollInterval the policy's PollIntervalSeconds
     */
    public void run(boolean delivered, Duration pollInterval) throws InterruptedException {
        // the collector holds each poll up to the wait: a queued heal is answered at once
        Duration longest = pollInterval.compareTo(LONG_POLL_MAX) < 0 ? pollInterval : LONG_POLL_MAX;
        PollSchedule schedule = new PollSchedule(LONG_POLL_GAP, random);
        Jitter jitter = new Jitter(random);
        long commandsRun = cycle.commandsRun();
        releaseIdleMemory();
        while (!Thread.currentThread().isInterrupted()) {
            sleep(schedule.next(delivered));
            delivered = cycle.poll(jitter.shortOf(longest));
            if (cycle.commandsRun() != commandsRun) {
                commandsRun = cycle.commandsRun();
                releaseIdleMemory();
            }
        }
    }

    private void releaseIdleMemory() {
        log.info("waiting for commands; released idle memory: " + idleMemory.release().describe());
    }

    public static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }
}
