package dev.mapiagent.agent.host;

import java.util.OptionalLong;

/**
 * The agent's own memory while it waits between polls. A resident agent spends hours blocked in a
 * long-poll, so after each piece of work it gives back what the wait does not need.
 */
public interface IdleMemory {

    /** Gives back what an idle agent does not need; the figures are for the log. */
    Release release();

    /** Committed Java heap before and after, and the process working set where the OS reports one. */
    record Release(long heapBefore, long heapAfter, OptionalLong workingSetBefore, OptionalLong workingSetAfter) {

        /** One line for the agent log, e.g. {@code heap 18 -> 6 MiB committed, working set 71 -> 9 MiB}. */
        public String describe() {
            String heap = "heap " + mib(heapBefore) + " -> " + mib(heapAfter) + " MiB committed";
            if (workingSetBefore.isEmpty() || workingSetAfter.isEmpty()) {
                return heap;
            }
            return heap + ", working set " + mib(workingSetBefore.getAsLong()) + " -> "
                    + mib(workingSetAfter.getAsLong()) + " MiB";
        }

        /** The same heap figures with the working set measured around a trim. */
        public Release withWorkingSet(OptionalLong before, OptionalLong after) {
            return new Release(heapBefore, heapAfter, before, after);
        }

        private static long mib(long bytes) {
            return Math.round(bytes / (1024.0 * 1024.0));
        }
    }

    /**
     * A full collection only. With the serial collector and the launcher's MaxHeapFreeRatio it hands
     * committed heap back to the OS, worth a few milliseconds of pause in a process that then waits.
     */
    IdleMemory HEAP_ONLY = () -> {
        long before = Runtime.getRuntime().totalMemory();
        System.gc();
        return new Release(before, Runtime.getRuntime().totalMemory(), OptionalLong.empty(), OptionalLong.empty());
    };
}
