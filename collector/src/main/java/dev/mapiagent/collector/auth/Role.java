package dev.mapiagent.collector.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may call a route. ANYONE needs no credentials; AGENT needs a device token; the user roles are ranked
 * VIEWER &lt; HELPDESK &lt; ADMIN and a route names the lowest one it accepts.
 */
public enum Role implements RouteRole {
    ANYONE,
    AGENT,
    VIEWER,
    HELPDESK,
    ADMIN;

    public boolean isUserRole() {
        return this == VIEWER || this == HELPDESK || this == ADMIN;
    }

    /** Whether a user with this role may do what {@code required} allows. */
    public boolean atLeast(Role required) {
        return isUserRole() && required.isUserRole() && compareTo(required) >= 0;
    }

    /** The role a user account is stored with, spelled viewer, helpdesk or admin. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> userRole(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            Role role = valueOf(id.trim().toUpperCase(Locale.ROOT));
            return role.isUserRole() ? Optional.of(role) : Optional.empty();
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
