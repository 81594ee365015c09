package dev.mapiagent.collector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mapiagent.protocol.ProtocolJson;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's answer to what never reaches a route (a malformed header, broken chunked framing, headers too
 * large, an unparseable URI): the API's JSON error shape instead of Jetty's HTML page, and no stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String reason = HttpStatus.getMessage(code);
        String error = reason == null ? "request failed" : reason.toLowerCase(Locale.ROOT);
        String detail = message == null || message.equalsIgnoreCase(reason) ? null : message.lines().findFirst().orElse(null);
        byte[] body;
        try {
            body = ProtocolJson.mapper().writeValueAsBytes(new ErrorBody(error, detail));
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
