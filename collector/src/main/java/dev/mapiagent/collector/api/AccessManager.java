package dev.mapiagent.collector.api;

import dev.mapiagent.collector.auth.Principal;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.auth.Tokens;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.error.RefusedException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * Runs before every matched route: checks the caller against the route's role and, for the page's session, the
 * CSRF token on every state-changing request. The principal is left on the context for the route.
 */
public final class AccessManager implements Handler {

    private static final String PRINCIPAL = "mapi.principal";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Authenticator authenticator;

    public AccessManager(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handle(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Role.ANYONE)) {
            return;
        }
        Role required = (Role) roles.iterator().next();
        Principal principal = authenticator.identify(ctx)
                .orElseThrow(() -> new NotAuthenticatedException("authentication required"));
        if (required == Role.AGENT) {
            if (!principal.isAgent()) {
                throw new RefusedException("this call is for agents", "authenticate with the device's agent token");
            }
        } else if (principal.isAgent()) {
            throw new RefusedException("an agent token cannot call the helpdesk API", null);
        } else if (!principal.role().atLeast(required)) {
            throw new RefusedException("needs role " + required.id(), "you are " + principal.name()
                    + " with role " + principal.role().id());
        }
        if (principal.viaSession() && changesState(ctx.method())
                && !Tokens.constantTimeEquals(principal.csrfToken(), ctx.header(CSRF_HEADER))) {
            throw new RefusedException("CSRF token missing or wrong", "send the " + CSRF_HEADER + " header the login gave");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    private static boolean changesState(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    /** The caller the access check let through. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("route without a role called principal()");
        }
        return p;
    }
}
