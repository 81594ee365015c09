package dev.mapiagent.collector.api;

import java.time.Duration;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.IdleTimeoutHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps slow or silent clients from taking the server's threads. Request bodies are read blocking on a worker
 * thread, so a client dribbling a body holds one for as long as it dribbles. Three bounds, around the whole
 * application:
 * <ul>
 *   <li>at most {@link #THREADS_PER_ADDRESS} requests of one client address run at once; its further requests
 *       wait without a thread (an office behind one NAT address is slowed, never refused);</li>
 *   <li>a body must arrive at {@link #MIN_BODY_BYTES_PER_SECOND} at least, checked each time more is awaited;</li>
 *   <li>a request with a body may be silent for {@link #BODY_IDLE_TIMEOUT} at most (long-polls, which are GETs,
 *       keep the connector's longer idle timeout).</li>
 * </ul>
 * The request is refused with a 400 (timeout) and one log line (ErrorHandling).
 */
public final class SlowClients {

    public static final int THREADS_PER_ADDRESS = 32;

    /** Connections one client address may hold open (ConnectionsPerAddress): an office of PCs long-polling fits. */
    public static final int CONNECTIONS_PER_ADDRESS = 2000;
    public static final long MIN_BODY_BYTES_PER_SECOND = 1024;
    public static final Duration BODY_IDLE_TIMEOUT = Duration.ofSeconds(15);

    private SlowClients() {
    }

    /** The application handler inside the three bounds. */
    public static Handler guard(Handler application) {
        IdleTimeoutHandler bodyIdle = new BodyIdleTimeout(application);
        bodyIdle.setIdleTimeoutMs(BODY_IDLE_TIMEOUT.toMillis());
        MinimumDataRateHandler rate = new MinimumDataRateHandler(bodyIdle, MIN_BODY_BYTES_PER_SECOND, 0);
        ThreadLimitHandler perAddress = new ThreadLimitHandler(rate, null, false);
        perAddress.setThreadLimit(THREADS_PER_ADDRESS);
        return perAddress;
    }

    /** The shorter idle timeout, for requests that carry a body only. */
    private static final class BodyIdleTimeout extends IdleTimeoutHandler {

        BodyIdleTimeout(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod())) {
                return getHandler().handle(request, response, callback);
            }
            return super.handle(request, response, callback);
        }
    }
}
