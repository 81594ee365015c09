package dev.mapiagent.protocol;

/**
 * The overall state of one PC's Outlook connectivity.
 *
 * <p>FAILING: Outlook cannot connect. DEGRADED: a finding of severity error or warning. HEALTHY: nothing
 * wrong. UNKNOWN: the agent could read nothing about Outlook at all.
 */
public enum Verdict {
    HEALTHY,
    DEGRADED,
    FAILING,
    UNKNOWN
}
