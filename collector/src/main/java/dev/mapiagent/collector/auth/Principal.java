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

    /** What calls made with an API token are audited as; user names cannot contain a colon, so it is not a user. */
    private static final String API_TOKEN = "token:";

    /** A script calling with an API token: audited as {@code token:<tokenId>:<name>}. */
    public static Principal apiToken(Role role, String tokenId, String tokenName) {
        String name = API_TOKEN + tokenId + ":" + tokenName;
        return new Principal(role, name.length() > 160 ? name.substring(0, 160) : name, null);
    }

    public boolean viaApiToken() {
        return name.startsWith(API_TOKEN);
    }

    public boolean isAgent() {
        return role == Role.AGENT;
    }

    public boolean viaSession() {
        return csrfToken != null;
    }
}
