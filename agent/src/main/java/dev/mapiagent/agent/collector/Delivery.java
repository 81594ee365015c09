package dev.mapiagent.agent.collector;

/**
 * What the collector did with one item. Every outcome means "do not send it again": a retryable failure
 * is a {@link CollectorException} instead.
 */
public enum Delivery {
    /** Stored now. */
    ACCEPTED,
    /** Stored before (same reportId, or the command already has its result): an earlier send got through. */
    DUPLICATE,
    /** Refused for good (bad input, unknown or expired command); sending it again cannot help. */
    REJECTED
}
