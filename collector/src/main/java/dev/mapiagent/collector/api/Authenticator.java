package dev.mapiagent.collector.api;

import dev.mapiagent.collector.auth.Principal;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.service.ApiTokenService;
import dev.mapiagent.collector.service.EnrollmentService;
import dev.mapiagent.collector.service.SessionService;
import dev.mapiagent.collector.service.UserService;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out who is calling: an agent (Bearer device token), a script (Bearer API token, {@code mapi_…}), a user
 * with HTTP Basic, or a user with the page's session cookie. Wrong credentials are a 401; no credentials at all give an empty result.
 */
public final class Authenticator {

    public static final String SESSION_COOKIE = "mapi_session";

    private final EnrollmentService enrollment;
    private final UserService users;
    private final SessionService sessions;
    private final ApiTokenService apiTokens;

    public Authenticator(EnrollmentService enrollment, UserService users, SessionService sessions,
                         ApiTokenService apiTokens) {
        this.enrollment = enrollment;
        this.users = users;
        this.sessions = sessions;
        this.apiTokens = apiTokens;
    }

    public Optional<Principal> identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            return Optional.of(fromAuthorization(authorization.trim(), ctx.ip()));
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null && !cookie.isBlank()) {
            return Optional.of(sessions.resolve(cookie, users)
                    .orElseThrow(() -> new NotAuthenticatedException("session expired, log in again")));
        }
        return Optional.empty();
    }

    private Principal fromAuthorization(String header, String clientAddress) {
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "bearer" -> {
                if (value.startsWith(ApiTokenService.PREFIX)) {
                    // one agent token in 64^5 starts so too: it still authenticates its agent
                    return apiTokens.principal(value).or(() -> enrollment.deviceForToken(value).map(Principal::agent))
                            .orElseThrow(() -> new NotAuthenticatedException("unknown or revoked API token"));
                }
                return enrollment.deviceForToken(value).map(Principal::agent)
                        .orElseThrow(() -> new NotAuthenticatedException("unknown agent token"));
            }
            case "basic" -> {
                String[] userPassword = decodeBasic(value);
                return users.authenticate(userPassword[0], userPassword[1], clientAddress)
                        .map(role -> new Principal(role, userPassword[0], null))
                        .orElseThrow(() -> new NotAuthenticatedException("wrong user name or password"));
            }
            default -> throw new NotAuthenticatedException("unsupported authorization scheme; use Bearer or Basic");
        }
    }

    private static String[] decodeBasic(String value) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new NotAuthenticatedException("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || decoded.indexOf('\u0000') >= 0) {
            throw new NotAuthenticatedException("malformed Basic credentials");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
