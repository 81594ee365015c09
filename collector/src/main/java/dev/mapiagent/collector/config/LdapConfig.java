package dev.mapiagent.collector.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sign-in against Active Directory or another LDAP directory.
 *
 * @param servers            ldaps:// or ldap:// URLs, tried in order until one answers
 * @param startTls           upgrade ldap:// connections with StartTLS before the password is sent
 * @param allowPlain         send the password over ldap:// without TLS (only for a lab; must be asked for)
 * @param baseDn             where users and groups are searched, e.g. DC=contoso,DC=com
 * @param domain             the NetBIOS domain (CONTOSO): shown in the audit log, and a bare name is bound as DOMAIN\name
 * @param upnSuffix          with no domain, a bare name is bound as name@suffix
 * @param groupRoles         group DN to role id (viewer, helpdesk, admin); a user gets the highest role of the groups
 *                           they are in, directly or through nested groups
 * @param truststore         PKCS12/JKS file with the directory's CA, or null for the Java default trust store
 * @param truststorePassword its password, or null
 * @param timeout            connect and response timeout for each server
 */
public record LdapConfig(
        List<URI> servers,
        boolean startTls,
        boolean allowPlain,
        String baseDn,
        String domain,
        String upnSuffix,
        Map<String, String> groupRoles,
        Path truststore,
        Secret truststorePassword,
        Duration timeout) {

    public LdapConfig {
        servers = List.copyOf(servers);
        groupRoles = Map.copyOf(groupRoles);
    }

    /** Whether the servers are reached with ldaps:// (TLS from the first byte). */
    public boolean ldaps() {
        return servers.get(0).getScheme().equalsIgnoreCase("ldaps");
    }
}
