package dev.mapiagent.collector;

import dev.mapiagent.collector.config.OidcConfig;
import dev.mapiagent.collector.config.Secret;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** serve's OpenID Connect settings; without --oidc-issuer OpenID sign-in is off. */
final class OidcOptions {

    @Option(names = "--oidc-issuer", defaultValue = "${env:MAPI_COLLECTOR_OIDC_ISSUER}",
            description = "Issuer, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0 (env MAPI_COLLECTOR_OIDC_ISSUER).")
    URI issuer;

    @Option(names = "--oidc-client-id", defaultValue = "${env:MAPI_COLLECTOR_OIDC_CLIENT_ID}",
            description = "The collector's client (application) id (env MAPI_COLLECTOR_OIDC_CLIENT_ID).")
    String clientId;

    @Option(names = "--oidc-client-secret", defaultValue = "${env:MAPI_COLLECTOR_OIDC_CLIENT_SECRET}",
            description = "Client secret; leave out for a public client (env MAPI_COLLECTOR_OIDC_CLIENT_SECRET).")
    String clientSecret;

    @Option(names = "--oidc-redirect-uri", defaultValue = "${env:MAPI_COLLECTOR_OIDC_REDIRECT_URI}",
            description = "https://<collector>/api/v1/login/oidc/callback, as registered at the provider (env MAPI_COLLECTOR_OIDC_REDIRECT_URI).")
    URI redirectUri;

    @Option(names = "--oidc-roles-claim", defaultValue = "${env:MAPI_COLLECTOR_OIDC_ROLES_CLAIM:-roles}",
            description = "ID token claim listing the user's app roles or groups (default roles; Entra ID groups: groups).")
    String rolesClaim;

    @Option(names = "--oidc-viewer", split = ",", defaultValue = "${env:MAPI_COLLECTOR_OIDC_VIEWER}",
            description = "Claim value(s) that give the viewer role (env MAPI_COLLECTOR_OIDC_VIEWER).")
    List<String> viewerValues;

    @Option(names = "--oidc-helpdesk", split = ",", defaultValue = "${env:MAPI_COLLECTOR_OIDC_HELPDESK}",
            description = "Claim value(s) that give the helpdesk role (env MAPI_COLLECTOR_OIDC_HELPDESK).")
    List<String> helpdeskValues;

    @Option(names = "--oidc-admin", split = ",", defaultValue = "${env:MAPI_COLLECTOR_OIDC_ADMIN}",
            description = "Claim value(s) that give the admin role (env MAPI_COLLECTOR_OIDC_ADMIN).")
    List<String> adminValues;

    /** The checked settings, or null when OpenID sign-in is not configured. */
    OidcConfig config() {
        if (issuer == null) {
            return null;
        }
        ServeCommand.require(secure(issuer), "--oidc-issuer must be https:// (http:// only for localhost)");
        ServeCommand.require(clientId != null && !clientId.isBlank(), "--oidc-client-id is required with --oidc-issuer");
        ServeCommand.require(redirectUri != null && secure(redirectUri) && redirectUri.getPath().endsWith("/api/v1/login/oidc/callback"),
                "--oidc-redirect-uri must be https://<collector>/api/v1/login/oidc/callback");
        ServeCommand.require(rolesClaim != null && !rolesClaim.isBlank(), "--oidc-roles-claim must not be empty");
        Map<String, String> claimRoles = new LinkedHashMap<>();
        ServeCommand.mapToRole(claimRoles, viewerValues, "viewer");
        ServeCommand.mapToRole(claimRoles, helpdeskValues, "helpdesk");
        ServeCommand.mapToRole(claimRoles, adminValues, "admin");
        ServeCommand.require(!claimRoles.isEmpty(),
                "--oidc-issuer needs at least one of --oidc-viewer, --oidc-helpdesk, --oidc-admin: without a role nobody gets in");
        return new OidcConfig(issuer, clientId.trim(), Secret.ofNullable(clientSecret), redirectUri, rolesClaim.trim(), claimRoles);
    }

    private static boolean secure(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())));
    }
}
