package dev.mapiagent.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.support.Http;
import dev.mapiagent.collector.support.TestCollector;
import dev.mapiagent.collector.support.TestDatabase;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The served OpenAPI description names exactly the routes the collector has. */
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private TestCollector collector;

    @BeforeEach
    void start() {
        collector = new TestCollector(TestDatabase.H2.freshUrl(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndNoOther() {
        Http.Response r = collector.http().get("/api/v1/openapi.json", null);
        assertEquals(200, r.status(), r.body());
        assertEquals("3.0.3", r.json().path("openapi").asText());
        Set<String> documented = new TreeSet<>();
        r.json().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> routes = new TreeSet<>();
        for (var parsed : collector.app().unsafe.internalRouter.allHttpHandlers()) {
            String method = parsed.endpoint.method.name();
            if (METHODS.contains(method)) {
                routes.add(method + " " + parsed.endpoint.path);
            }
        }
        assertEquals(routes, documented);
    }

    @Test
    void everyOperationSaysWhoMayCallIt() {
        JsonNode paths = collector.http().get("/api/v1/openapi.json", null).json().path("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                assertEquals(true, op.getValue().path("x-role").isTextual(), op.getKey() + " " + path.getKey())));
    }
}
