package dev.mapiagent.collector.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.config.LdapConfig;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import dev.mapiagent.collector.error.RefusedException;
import dev.mapiagent.collector.error.UnavailableException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a user in against Active Directory (or another LDAP directory): binds as the user over TLS, reads the
 * account and its groups, nested ones included, and maps the groups to a collector role.
 */
public final class LdapDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);

    /** The rootDSE capability by which Active Directory (and AD LDS) says who it is (MS-ADTS 3.1.1.3.4.3). */
    static final String AD_CAPABILITY = "1.2.840.113556.1.4.800";
    /** LDAP_MATCHING_RULE_IN_CHAIN: AD walks nested group membership itself (MS-ADTS 3.1.1.3.4.4.3). */
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    /** userAccountControl ACCOUNTDISABLE (MS-ADTS 2.2.16). */
    static final int ACCOUNT_DISABLE = 0x2;
    /** Enough for any real group tree; stops a walk through a directory with absurdly many groups. */
    static final int MAX_GROUPS = 2000;

    private final LdapConfig config;
    private final FailoverServerSet servers;
    private final RoleMapping roles;

    public LdapDirectory(LdapConfig config) {
        this.config = config;
        this.servers = serverSet(config);
        this.roles = new RoleMapping(config.groupRoles(), LdapDirectory::normalizedDn);
    }

    /**
     * The directory user behind a login name (user@domain, DOMAIN\name, or a bare name) and password. Not
     * authenticated on a wrong name or password or a disabled account; refused when the user is in no mapped group;
     * unavailable when no configured server answers within the timeout.
     */
    public DirectoryUser authenticate(String login, String password) {
        LoginName name = LoginName.parse(login, config.domain(), config.upnSuffix());
        if (password == null || password.isEmpty()) {
            // an empty password is an unauthenticated bind (RFC 4513 5.1.2), which directories accept without any check
            throw new NotAuthenticatedException("wrong user name or password");
        }
        try (LDAPConnection connection = connect()) {
            bind(connection, name, password);
            SearchResultEntry account = find(connection, name);
            Integer accountControl = account.getAttributeValueAsInteger("userAccountControl");
            if (accountControl != null && (accountControl & ACCOUNT_DISABLE) != 0) {
                throw new NotAuthenticatedException("the directory account is disabled");
            }
            Set<DN> groups = isActiveDirectory(connection) ? inChain(connection, account.getParsedDN())
                    : walk(connection, account.getParsedDN());
            Role role = roles.highest(groups.stream().map(DN::toNormalizedString).toList())
                    .orElseThrow(() -> new RefusedException("no collector role",
                            "the directory account is in none of the groups mapped to viewer, helpdesk or admin"));
            return new DirectoryUser("ldap:" + name.auditName(account, config.domain()), role);
        } catch (LDAPException e) {
            LOG.atWarn().setMessage("directory unavailable").addKeyValue("servers", config.servers())
                    .addKeyValue("result", e.getResultCode().getName()).log();
            throw new UnavailableException("directory unavailable", "no directory server answered: " + e.getResultCode().getName());
        }
    }

    private LDAPConnection connect() throws LDAPException {
        return servers.getConnection();
    }

    private static void bind(LDAPConnection connection, LoginName name, String password) throws LDAPException {
        try {
            connection.bind(new SimpleBindRequest(name.bindName(), password));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS || e.getResultCode() == ResultCode.INVALID_DN_SYNTAX) {
                // AD tells disabled, locked and expired accounts apart only in the diagnostic text (data 533, 775, 532)
                throw new NotAuthenticatedException("wrong user name or password");
            }
            throw e;
        }
    }

    private SearchResultEntry find(LDAPConnection connection, LoginName name) throws LDAPException {
        SearchResult result = connection.search(config.baseDn(), SearchScope.SUB, name.filter(),
                "sAMAccountName", "userPrincipalName", "userAccountControl");
        if (result.getEntryCount() != 1) {
            // bound, but the account is not under the base DN (or is ambiguous): the collector cannot tell its groups
            throw new RefusedException("no collector role", "the directory account was not found under " + config.baseDn());
        }
        return result.getSearchEntries().get(0);
    }

    private static boolean isActiveDirectory(LDAPConnection connection) throws LDAPException {
        RootDSE root = connection.getRootDSE();
        return root != null && root.hasAttributeValue("supportedCapabilities", AD_CAPABILITY);
    }

    /** Active Directory: one search finds every group the account is in, however deeply nested. */
    private Set<DN> inChain(LDAPConnection connection, DN account) throws LDAPException {
        Filter filter = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"),
                Filter.createExtensibleMatchFilter("member", IN_CHAIN, false, account.toString()));
        return groupDns(connection.search(config.baseDn(), SearchScope.SUB, filter, "1.1"));
    }

    /**
     * Other directories (OpenLDAP, the UnboundID server in the tests) do not know the in-chain rule: walk up the
     * member attribute level by level, each group once, so a membership cycle ends.
     */
    private Set<DN> walk(LDAPConnection connection, DN account) throws LDAPException {
        Set<DN> groups = new LinkedHashSet<>();
        Deque<DN> pending = new ArrayDeque<>(List.of(account));
        while (!pending.isEmpty() && groups.size() < MAX_GROUPS) {
            DN member = pending.pop();
            for (DN group : groupDns(connection.search(config.baseDn(), SearchScope.SUB,
                    Filter.createEqualityFilter("member", member.toString()), "1.1"))) {
                if (groups.add(group)) {
                    pending.add(group);
                }
            }
        }
        return groups;
    }

    private static Set<DN> groupDns(SearchResult result) throws LDAPException {
        Set<DN> dns = new LinkedHashSet<>();
        for (SearchResultEntry entry : result.getSearchEntries()) {
            dns.add(entry.getParsedDN());
        }
        return dns;
    }

    private static String normalizedDn(String text) {
        try {
            return new DN(text).toNormalizedString();
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a DN: " + text);
        }
    }

    private static FailoverServerSet serverSet(LdapConfig config) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) config.timeout().toMillis());
        options.setResponseTimeoutMillis(config.timeout().toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setFollowReferrals(false);
        String[] hosts = new String[config.servers().size()];
        int[] ports = new int[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            URI server = config.servers().get(i);
            hosts[i] = server.getHost();
            ports[i] = server.getPort() > 0 ? server.getPort() : config.ldaps() ? 636 : 389;
        }
        try {
            SSLSocketFactory tls = new HandshakeTimeoutSocketFactory(new SSLUtil(trust(config)).createSSLSocketFactory(),
                    (int) config.timeout().toMillis());
            if (config.ldaps()) {
                return new FailoverServerSet(hosts, ports, tls, options);
            }
            if (config.startTls()) {
                return new FailoverServerSet(hosts, ports, SocketFactory.getDefault(), options, null,
                        new StartTLSPostConnectProcessor(tls));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS for the directory: " + e.getMessage(), e);
        }
        if (!config.allowPlain()) {
            throw new IllegalArgumentException("ldap:// without StartTLS sends passwords in clear text; "
                    + "use ldaps://, --ldap-start-tls, or --ldap-allow-plain for a lab");
        }
        return new FailoverServerSet(hosts, ports, SocketFactory.getDefault(), options);
    }

    private static TrustManager trust(LdapConfig config) {
        if (config.truststore() == null) {
            return JVMDefaultTrustManager.getInstance();
        }
        char[] password = config.truststorePassword() == null ? null : config.truststorePassword().reveal().toCharArray();
        return new TrustStoreTrustManager(config.truststore().toFile(), password, null, true);
    }
}
