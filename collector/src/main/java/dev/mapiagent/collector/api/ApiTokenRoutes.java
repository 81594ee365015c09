package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.auth.Principal;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.error.RefusedException;
import dev.mapiagent.collector.service.ApiTokenService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** Admins make, list and revoke API tokens; a token itself cannot (a leaked token must not mint more). */
public final class ApiTokenRoutes {

    private final ApiTokenService tokens;

    public ApiTokenRoutes(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/api-tokens", ctx -> ctx.json(Map.of("tokens", tokens.list())), Role.ADMIN);
        routes.post("/api/v1/api-tokens", this::create, Role.ADMIN);
        routes.post("/api/v1/api-tokens/{tokenId}/revoke", ctx -> ctx.json(tokens.revoke(person(ctx).name(),
                ctx.pathParam("tokenId"))), Role.ADMIN);
    }

    private void create(Context ctx) {
        String actor = person(ctx).name();
        JsonNode body = JsonBodies.object(ctx);
        ctx.status(201).json(tokens.create(actor, JsonBodies.text(body, "name"), JsonBodies.text(body, "role")));
    }

    private static Principal person(Context ctx) {
        Principal principal = AccessManager.principal(ctx);
        if (principal.viaApiToken()) {
            throw new RefusedException("an API token cannot manage API tokens", "log in as an admin");
        }
        return principal;
    }
}
