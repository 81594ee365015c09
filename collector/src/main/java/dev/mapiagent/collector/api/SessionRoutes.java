package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.auth.Principal;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.service.SessionService;
import dev.mapiagent.collector.service.UserService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.HashMap;
import java.util.Map;

/** The page's login: a session cookie (HttpOnly, SameSite=Strict) plus a CSRF token for every change. */
public final class SessionRoutes {

    private final UserService users;
    private final SessionService sessions;
    private final boolean tls;

    public SessionRoutes(UserService users, SessionService sessions, boolean tls) {
        this.users = users;
        this.sessions = sessions;
        this.tls = tls;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/login", this::login, Role.ANYONE);
        routes.post("/api/v1/logout", this::logout, Role.VIEWER);
        routes.get("/api/v1/session", this::whoAmI, Role.VIEWER);
    }

    private void login(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String username = JsonBodies.requiredText(body, "username", 128);
        String password = JsonBodies.requiredText(body, "password", 1024);
        Role role = users.authenticate(username, password, ctx.ip())
                .orElseThrow(() -> new NotAuthenticatedException("wrong user name or password"));
        SessionService.NewSession session = sessions.open(username);
        ctx.cookie(cookie(ctx, session.cookieValue(), (int) session.ttl().toSeconds()));
        ctx.json(Map.of("username", username, "role", role.id(), "csrfToken", session.csrfToken()));
    }

    private void logout(Context ctx) {
        Principal principal = AccessManager.principal(ctx);
        String cookie = ctx.cookie(Authenticator.SESSION_COOKIE);
        if (principal.viaSession() && cookie != null) {
            sessions.close(cookie, principal.name());
        }
        ctx.cookie(cookie(ctx, "", 0));
        ctx.status(204);
    }

    private void whoAmI(Context ctx) {
        Principal principal = AccessManager.principal(ctx);
        Map<String, Object> body = new HashMap<>();
        body.put("username", principal.name());
        body.put("role", principal.role().id());
        body.put("csrfToken", principal.csrfToken());
        ctx.json(body);
    }

    Cookie cookie(Context ctx, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(Authenticator.SESSION_COOKIE, value);
        cookie.setPath("/");
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setSecure(tls || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
        return cookie;
    }
}
