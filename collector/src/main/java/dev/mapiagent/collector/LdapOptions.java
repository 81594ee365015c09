package dev.mapiagent.collector;

import dev.mapiagent.collector.config.LdapConfig;
import dev.mapiagent.collector.config.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** serve's Active Directory / LDAP settings; without --ldap-url LDAP sign-in is off. */
final class LdapOptions {

    @Option(names = "--ldap-url", split = ",", defaultValue = "${env:MAPI_COLLECTOR_LDAP_URL}",
            description = "Directory servers, tried in order: ldaps://dc1.contoso.com,ldaps://dc2.contoso.com (env MAPI_COLLECTOR_LDAP_URL).")
    List<URI> urls;

    @Option(names = "--ldap-start-tls", defaultValue = "${env:MAPI_COLLECTOR_LDAP_START_TLS:-false}",
            description = "Upgrade ldap:// connections with StartTLS (env MAPI_COLLECTOR_LDAP_START_TLS).")
    boolean startTls;

    @Option(names = "--ldap-allow-plain", defaultValue = "${env:MAPI_COLLECTOR_LDAP_ALLOW_PLAIN:-false}",
            description = "Allow ldap:// without TLS: passwords cross the network readable. For a lab only (env MAPI_COLLECTOR_LDAP_ALLOW_PLAIN).")
    boolean allowPlain;

    @Option(names = "--ldap-base-dn", defaultValue = "${env:MAPI_COLLECTOR_LDAP_BASE_DN}",
            description = "Where users and groups are searched: DC=contoso,DC=com (env MAPI_COLLECTOR_LDAP_BASE_DN).")
    String baseDn;

    @Option(names = "--ldap-domain", defaultValue = "${env:MAPI_COLLECTOR_LDAP_DOMAIN}",
            description = "NetBIOS domain, e.g. CONTOSO: a bare name signs in as CONTOSO\\\\name (env MAPI_COLLECTOR_LDAP_DOMAIN).")
    String domain;

    @Option(names = "--ldap-upn-suffix", defaultValue = "${env:MAPI_COLLECTOR_LDAP_UPN_SUFFIX}",
            description = "Without --ldap-domain, a bare name signs in as name@suffix (env MAPI_COLLECTOR_LDAP_UPN_SUFFIX).")
    String upnSuffix;

    @Option(names = "--ldap-viewer-group", split = ";", defaultValue = "${env:MAPI_COLLECTOR_LDAP_VIEWER_GROUP}",
            description = "Group DN(s) whose members get the viewer role; several separated by ; (env MAPI_COLLECTOR_LDAP_VIEWER_GROUP).")
    List<String> viewerGroups;

    @Option(names = "--ldap-helpdesk-group", split = ";", defaultValue = "${env:MAPI_COLLECTOR_LDAP_HELPDESK_GROUP}",
            description = "Group DN(s) whose members get the helpdesk role (env MAPI_COLLECTOR_LDAP_HELPDESK_GROUP).")
    List<String> helpdeskGroups;

    @Option(names = "--ldap-admin-group", split = ";", defaultValue = "${env:MAPI_COLLECTOR_LDAP_ADMIN_GROUP}",
            description = "Group DN(s) whose members get the admin role (env MAPI_COLLECTOR_LDAP_ADMIN_GROUP).")
    List<String> adminGroups;

    @Option(names = "--ldap-truststore", defaultValue = "${env:MAPI_COLLECTOR_LDAP_TRUSTSTORE}",
            description = "PKCS12/JKS trust store with the directory's CA; default: Java's (env MAPI_COLLECTOR_LDAP_TRUSTSTORE).")
    Path truststore;

    @Option(names = "--ldap-truststore-password", defaultValue = "${env:MAPI_COLLECTOR_LDAP_TRUSTSTORE_PASSWORD}",
            description = "Its password (env MAPI_COLLECTOR_LDAP_TRUSTSTORE_PASSWORD).")
    String truststorePassword;

    @Option(names = "--ldap-timeout-seconds", defaultValue = "${env:MAPI_COLLECTOR_LDAP_TIMEOUT_SECONDS:-5}",
            description = "Connect and response timeout per server (default 5).")
    int timeoutSeconds;

    /** The checked settings, or null when LDAP sign-in is not configured. */
    LdapConfig config() {
        if (urls == null || urls.isEmpty()) {
            return null;
        }
        String scheme = urls.get(0).getScheme();
        for (URI url : urls) {
            ServeCommand.require(url.getHost() != null && ("ldaps".equalsIgnoreCase(url.getScheme()) || "ldap".equalsIgnoreCase(url.getScheme())),
                    "--ldap-url " + url + " must be ldaps://host[:port] or ldap://host[:port]");
            ServeCommand.require(url.getScheme().equalsIgnoreCase(scheme), "--ldap-url: all servers must use the same scheme");
        }
        boolean ldaps = "ldaps".equalsIgnoreCase(scheme);
        ServeCommand.require(ldaps || startTls || allowPlain,
                "--ldap-url ldap:// sends passwords in clear text: use ldaps://, --ldap-start-tls, or --ldap-allow-plain for a lab");
        ServeCommand.require(!(ldaps && startTls), "--ldap-start-tls is for ldap:// URLs; ldaps:// is TLS already");
        ServeCommand.require(baseDn != null && !baseDn.isBlank(), "--ldap-base-dn is required with --ldap-url");
        ServeCommand.require(timeoutSeconds >= 1 && timeoutSeconds <= 60, "--ldap-timeout-seconds must be 1-60");
        ServeCommand.require(truststore == null || Files.isReadable(truststore), "--ldap-truststore " + truststore + " cannot be read");
        Map<String, String> groupRoles = new LinkedHashMap<>();
        ServeCommand.mapToRole(groupRoles, viewerGroups, "viewer");
        ServeCommand.mapToRole(groupRoles, helpdeskGroups, "helpdesk");
        ServeCommand.mapToRole(groupRoles, adminGroups, "admin");
        ServeCommand.require(!groupRoles.isEmpty(),
                "--ldap-url needs at least one of --ldap-viewer-group, --ldap-helpdesk-group, --ldap-admin-group: without a group nobody gets in");
        return new LdapConfig(urls, startTls, allowPlain, baseDn.trim(), blankToNull(domain), blankToNull(upnSuffix),
                groupRoles, truststore, Secret.ofNullable(truststorePassword), Duration.ofSeconds(timeoutSeconds));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
