package dev.mapiagent.collector.api;

/**
 * A failure the client caused or must know about; becomes {@code {"error": ..., "detail": ...}} with its status.
 * No stack trace is kept: these are expected outcomes, not bugs.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String detail;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    private ApiException(int status, String error, String detail, Integer retryAfterSeconds) {
        super(error, null, false, false);
        this.status = status;
        this.detail = detail;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String error() {
        return getMessage();
    }

    public String detail() {
        return detail;
    }

    /** When the client may try again, for the Retry-After header; null when not said. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A refusal for now (429 busy, 503 stopping) that the client may retry after the given seconds. */
    public static ApiException tryLater(int status, String error, int retryAfterSeconds) {
        return new ApiException(status, error, "try again in " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(400, error, detail);
    }

    public static ApiException unauthorized(String error) {
        return new ApiException(401, error, null);
    }

    public static ApiException forbidden(String error, String detail) {
        return new ApiException(403, error, detail);
    }

    public static ApiException notFound(String error, String detail) {
        return new ApiException(404, error, detail);
    }

    public static ApiException conflict(String error, String detail) {
        return new ApiException(409, error, detail);
    }
}
