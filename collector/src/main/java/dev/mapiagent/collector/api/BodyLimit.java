package dev.mapiagent.collector.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a declared body over the limit with 413 before anything else runs. The body is read and thrown away
 * first (up to {@link #DRAIN_LIMIT}): a server that answers without reading makes the connection close under a
 * client still sending, and the client then sees a reset instead of the 413.
 */
public final class BodyLimit {

    /** The largest request body the collector reads. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private BodyLimit() {
    }

    public static void check(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length <= MAX_BODY_BYTES) {
            return;
        }
        if (length <= DRAIN_LIMIT) {
            drain(ctx);
        }
        throw JsonBodies.tooLarge();
    }

    private static void drain(Context ctx) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            int n;
            while (total < DRAIN_LIMIT && (n = in.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException clientGone) {
            // nothing to answer then; the 413 goes out if the connection still stands
        }
    }
}
