package dev.mapiagent.outlook.status;

/**
 * When failed requests on one connection are worth a {@code CONNECTION_FAILURES} finding: more than
 * {@code ratio} of at least {@code minRequests} requests. Fewer requests say too little to judge.
 */
public record FailureThreshold(double ratio, int minRequests) {

    /** DESIGN.md §4: more than 10% of at least 20 requests. */
    public static final FailureThreshold DEFAULT = new FailureThreshold(0.10, 20);

    public FailureThreshold {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("the failure ratio must be from 0 up to below 1, not " + ratio);
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("the minimum number of requests must be at least 1, not " + minRequests);
        }
    }

    /** Compares the quotient, not {@code ratio * requests}, so 2 of 20 is exactly 10% and not over it. */
    public boolean isExceededBy(int requests, int failures) {
        return requests >= minRequests && (double) failures / requests > ratio;
    }
}
