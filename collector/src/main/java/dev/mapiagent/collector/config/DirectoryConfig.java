package dev.mapiagent.collector.config;

/**
 * Sign-in with the company directory; either part may be null (not configured). Local accounts work regardless.
 *
 * @param ldap Active Directory / LDAP, or null
 * @param oidc OpenID Connect, or null
 */
public record DirectoryConfig(LdapConfig ldap, OidcConfig oidc) {

    public static DirectoryConfig none() {
        return new DirectoryConfig(null, null);
    }
}
