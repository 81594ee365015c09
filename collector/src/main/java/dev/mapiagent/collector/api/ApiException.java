package dev.mapiagent.collector.api;

/**
 * A failure the client caused or must know about; becomes {@code {"error": ..., "detail": ...}} with its status.
 * No stack trace is kept: these are expected outcomes, not bugs.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String detail;

    public ApiException(int status, String error, String detail) {
        super(error, null, false, false);
        this.status = status;
        this.detail = detail;
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
