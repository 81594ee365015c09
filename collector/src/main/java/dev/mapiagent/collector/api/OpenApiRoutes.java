package dev.mapiagent.collector.api;

import dev.mapiagent.collector.auth.Role;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of this API, written by hand next to the routes
 * (OpenApiTest keeps the two in step). The page {@code /api.html} renders it.
 */
public final class OpenApiRoutes {

    static final String RESOURCE = "/openapi/openapi.json";

    private final byte[] document;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the jar");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(document), Role.ANYONE);
    }
}
