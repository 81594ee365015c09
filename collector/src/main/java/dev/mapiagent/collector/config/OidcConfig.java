package dev.mapiagent.collector.config;

import java.net.URI;
import java.util.Map;

/**
 * Sign-in through an OpenID Connect provider (Entra ID, ADFS, Keycloak) with the authorization-code flow and PKCE.
 *
 * @param issuer       the issuer; its /.well-known/openid-configuration is read at start
 * @param clientId     the collector's client id (the ID token's audience)
 * @param clientSecret the client secret, or null for a public client (PKCE only)
 * @param redirectUri  where the provider sends the browser back: https://collector.example/api/v1/login/oidc/callback
 * @param rolesClaim   the ID token claim that lists the user's groups or app roles (Entra ID: groups or roles)
 * @param claimRoles   claim value (group object id, app role value) to role id (viewer, helpdesk, admin)
 */
public record OidcConfig(
        URI issuer,
        String clientId,
        Secret clientSecret,
        URI redirectUri,
        String rolesClaim,
        Map<String, String> claimRoles) {

    public OidcConfig {
        claimRoles = Map.copyOf(claimRoles);
    }
}
