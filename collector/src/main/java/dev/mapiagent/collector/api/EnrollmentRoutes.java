package dev.mapiagent.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.service.EnrollmentService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Device binding around enrollment: the challenge a bound device signs to enroll again, and the admin's reset of a
 * device's enrollment (a reimaged PC that lost its key).
 */
public final class EnrollmentRoutes {

    private final EnrollmentService enrollment;

    public EnrollmentRoutes(EnrollmentService enrollment) {
        this.enrollment = enrollment;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/enroll/challenge", this::challenge, Role.ANYONE);
        routes.post("/api/v1/devices/{deviceId}/reset-enrollment", this::reset, Role.ADMIN);
    }

    private void challenge(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        EnrollmentService.Challenge challenge = enrollment.challenge(JsonBodies.text(body, "enrollSecret"),
                JsonBodies.requiredText(body, "deviceId", 128), ctx.ip());
        ctx.json(challenge);
    }

    private void reset(Context ctx) {
        String deviceId = ctx.pathParam("deviceId");
        enrollment.resetEnrollment(AccessManager.principal(ctx).name(), deviceId);
        ctx.json(Map.of("deviceId", deviceId, "reset", true));
    }
}
