package dev.mapiagent.collector.auth;

/**
 * Who is calling.
 *
 * @param role      AGENT for a device token, else the user's role
 * @param name      the user name, or the device id for an agent
 * @param csrfToken the session's CSRF token when the caller came with the page's session cookie, else null
 */
public record Principal(Role role, String name, String csrfToken) {

    public static Principal agent(String deviceId) {
        return new Principal(Role.AGENT, deviceId, null);
    }

    public boolean isAgent() {
        return role == Role.AGENT;
    }

    public boolean viaSession() {
        return csrfToken != null;
    }
}
