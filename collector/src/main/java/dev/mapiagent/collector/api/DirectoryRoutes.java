package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.auth.Tokens;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.service.DirectoryLoginService;
import dev.mapiagent.collector.service.DirectoryLoginService.DirectoryLogin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Map;

/**
 * Sign-in with the company directory beside the local login: LDAP with a user name and password, and OpenID
 * Connect through the provider's page. Both end in the page session and CSRF token a local login gets.
 */
public final class DirectoryRoutes {

    /** Ties the OpenID sign-in to the browser that started it, so a state from elsewhere cannot log this browser in. */
    static final String OIDC_STATE_COOKIE = "mapi_oidc_state";
    static final String OIDC_PATH = "/api/v1/login/oidc";

    private final DirectoryLoginService directory;
    private final SessionRoutes sessions;

    public DirectoryRoutes(DirectoryLoginService directory, SessionRoutes sessions) {
        this.directory = directory;
        this.sessions = sessions;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/login/methods", this::methods, Role.ANYONE);
        routes.post("/api/v1/login/ldap", this::ldap, Role.ANYONE);
        routes.get(OIDC_PATH, this::beginOidc, Role.ANYONE);
        routes.get(OIDC_PATH + "/callback", this::finishOidc, Role.ANYONE);
    }

    private void methods(Context ctx) {
        ctx.json(Map.of("local", true, "ldap", directory.ldapEnabled(), "oidc", directory.oidcEnabled()));
    }

    private void ldap(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String username = JsonBodies.requiredText(body, "username", 256);
        String password = JsonBodies.requiredText(body, "password", 1024);
        DirectoryLogin login = directory.ldap(username, password);
        startSession(ctx, login);
        ctx.json(Map.of("username", login.name(), "role", login.role().id(),
                "csrfToken", login.session().csrfToken()));
    }

    private void beginOidc(Context ctx) {
        DirectoryLoginService.OidcStart start = directory.beginOidc();
        // Lax, not Strict: the browser must send it on the provider's top-level redirect back to the callback
        ctx.cookie(stateCookie(ctx, start.state(), (int) DirectoryLoginService.OIDC_LOGIN_TTL.toSeconds()));
        ctx.redirect(start.authorizationUri().toString(), HttpStatus.FOUND);
    }

    private void finishOidc(Context ctx) {
        String error = ctx.queryParam("error");
        if (error != null) {
            throw new NotAuthenticatedException("the OpenID provider refused the sign-in: " + error);
        }
        String state = ctx.queryParam("state");
        String code = ctx.queryParam("code");
        if (state == null || code == null) {
            throw new NotAuthenticatedException("the sign-in answer lacks its code or state");
        }
        if (!Tokens.constantTimeEquals(state, ctx.cookie(OIDC_STATE_COOKIE))) {
            throw new NotAuthenticatedException("this sign-in was not started in this browser; sign in again");
        }
        ctx.cookie(stateCookie(ctx, "", 0));
        startSession(ctx, directory.finishOidc(state, code));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void startSession(Context ctx, DirectoryLogin login) {
        ctx.cookie(sessions.cookie(ctx, login.session().cookieValue(), (int) login.session().ttl().toSeconds()));
    }

    private Cookie stateCookie(Context ctx, String value, int maxAgeSeconds) {
        Cookie cookie = sessions.cookie(ctx, value, maxAgeSeconds);
        cookie.setName(OIDC_STATE_COOKIE);
        cookie.setPath(OIDC_PATH);
        cookie.setSameSite(SameSite.LAX);
        return cookie;
    }
}
