package dev.mapiagent.protocol;

import java.util.Collection;

/** The verdict rules of DESIGN.md §4, in one place for the agent and the collector. */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * FAILING when a finding means Outlook cannot connect; else DEGRADED when any finding is an error
     * or warning; else HEALTHY. UNKNOWN only when nothing about Outlook could be read.
     */
    public static Verdict of(Collection<Finding> findings, boolean anythingKnown) {
        if (!anythingKnown) {
            return Verdict.UNKNOWN;
        }
        boolean failing = findings.stream().anyMatch(f -> f.severity().isProblem() && isFailingCode(f.code()));
        if (failing) {
            return Verdict.FAILING;
        }
        boolean problem = findings.stream().anyMatch(f -> f.severity().isProblem());
        return problem ? Verdict.DEGRADED : Verdict.HEALTHY;
    }

    /** Exit code 1 means some finding has severity error or warning. */
    public static boolean hasProblem(Collection<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity().isProblem());
    }

    private static boolean isFailingCode(String code) {
        try {
            return FindingCode.valueOf(code).meansFailing();
        } catch (IllegalArgumentException unknownCode) {
            return false;
        }
    }
}
