package dev.mapiagent.collector.api;

import io.javalin.http.Context;

/**
 * The WWW-Authenticate header for 401s. Scripts and browsers opening the API get the Basic challenge; the page's
 * own fetch calls (marked with X-Requested-With) do not, so the browser never pops up its login dialog and never
 * caches Basic credentials that a cross-site request could ride on.
 */
final class Challenge {

    private Challenge() {
    }

    static void addIfWanted(Context ctx) {
        if (ctx.header("X-Requested-With") == null) {
            ctx.header("WWW-Authenticate", "Basic realm=\"mapi-collector\", charset=\"UTF-8\"");
        }
    }
}
