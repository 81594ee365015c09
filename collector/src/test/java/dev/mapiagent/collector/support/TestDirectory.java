package dev.mapiagent.collector.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import dev.mapiagent.collector.config.LdapConfig;
import dev.mapiagent.collector.config.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real LDAP directory for tests: the UnboundID in-memory server, laid out like a small Active Directory domain
 * (CONTOSO, DC=contoso,DC=com) and listening with LDAPS and with StartTLS under a self-signed certificate for
 * localhost made on the spot.
 *
 * <p>Two Active Directory behaviours the generic server lacks are stood in for, and only these: binding by UPN or
 * DOMAIN\name (an interceptor turns the name into the account's DN, as AD resolves it), and account attributes
 * (sAMAccountName, userPrincipalName, userAccountControl; schema checking is off). It does not evaluate the
 * LDAP_MATCHING_RULE_IN_CHAIN filter and does not announce itself as AD, so the collector walks nested groups.
 *
 * <pre>
 * ann   (CONTOSO\ann, ann@contoso.com)  in Tier 1, which is in Helpdesk Staff (mapped: helpdesk)
 * bob   in Collector Admins (admin) and in Tier 1
 * carl  disabled (userAccountControl 514), in Helpdesk Staff
 * dora  in Sales only; Sales and Marketing are members of each other (a cycle)
 * </pre>
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE_DN = "DC=contoso,DC=com";
    public static final String PASSWORD = "Directory-Pass-1";
    public static final String HELPDESK_GROUP = "CN=Helpdesk Staff,OU=Groups,DC=contoso,DC=com";
    public static final String ADMIN_GROUP = "CN=Collector Admins,OU=Groups,DC=contoso,DC=com";
    public static final String STORE_PASSWORD = "changeit";

    private final InMemoryDirectoryServer server;
    private final Path keystore;
    private final Map<String, String> bindNames = new ConcurrentHashMap<>();

    public TestDirectory(Path dir) throws Exception {
        keystore = dir.resolve("ldap-server.p12");
        Files.deleteIfExists(keystore);
        ResultCode made = ManageCertificates.main((java.io.InputStream) null, null, null, "generate-self-signed-certificate",
                "--keystore", keystore.toString(), "--keystore-password", STORE_PASSWORD, "--keystore-type", "PKCS12",
                "--alias", "server", "--subject-dn", "CN=localhost", "--subject-alternative-name-dns", "localhost",
                "--subject-alternative-name-ip-address", "127.0.0.1", "--days-valid", "2");
        if (made != ResultCode.SUCCESS) {
            throw new IllegalStateException("no test certificate: " + made);
        }
        SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keystore.toFile(), STORE_PASSWORD.toCharArray(), "PKCS12", "server"),
                new TrustAllTrustManager());
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.setSchema(null);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig("ldaps", null, 0, serverSsl.createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig("ldap", null, 0, serverSsl.createSSLSocketFactory()));
        config.addInMemoryOperationInterceptor(new ActiveDirectoryBindNames());
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE_DN, "objectClass: domain", "dc: contoso");
        server.add("dn: OU=Users," + BASE_DN, "objectClass: organizationalUnit", "ou: Users");
        server.add("dn: OU=Groups," + BASE_DN, "objectClass: organizationalUnit", "ou: Groups");
        user("ann", 512);
        user("bob", 512);
        user("carl", 514);
        user("dora", 512);
        group("Tier 1", user("ann"), user("bob"));
        group("Helpdesk Staff", group("Tier 1"), user("carl"));
        group("Collector Admins", user("bob"));
        group("Sales", user("dora"), group("Marketing"));
        group("Marketing", group("Sales"));
        server.startListening();
    }

    public static String user(String name) {
        return "CN=" + name + ",OU=Users," + BASE_DN;
    }

    public static String group(String name) {
        return "CN=" + name + ",OU=Groups," + BASE_DN;
    }

    private void user(String name, int userAccountControl) throws Exception {
        server.add("dn: " + user(name), "objectClass: user", "cn: " + name, "sAMAccountName: " + name,
                "userPrincipalName: " + name + "@contoso.com", "userAccountControl: " + userAccountControl,
                "userPassword: " + PASSWORD);
        bindNames.put((name + "@contoso.com").toLowerCase(Locale.ROOT), user(name));
        bindNames.put(("CONTOSO\\" + name).toLowerCase(Locale.ROOT), user(name));
    }

    private void group(String name, String... members) throws Exception {
        String[] lines = new String[3 + members.length];
        lines[0] = "dn: " + group(name);
        lines[1] = "objectClass: group";
        lines[2] = "cn: " + name;
        for (int i = 0; i < members.length; i++) {
            lines[3 + i] = "member: " + members[i];
        }
        server.add(lines);
    }

    public int ldapsPort() {
        return server.getListenPort("ldaps");
    }

    public int startTlsPort() {
        return server.getListenPort("ldap");
    }

    /** The trust store the collector needs for this server: the self-signed certificate itself. */
    public Path truststore() {
        return keystore;
    }

    /** LDAPS to the given servers (in order), mapped groups Helpdesk Staff and Collector Admins, timeouts of a second. */
    public LdapConfig ldaps(URI... servers) {
        return new LdapConfig(List.of(servers), false, false, BASE_DN, "CONTOSO", null,
                Map.of(HELPDESK_GROUP, "helpdesk", ADMIN_GROUP, "admin"), keystore, Secret.ofNullable(STORE_PASSWORD),
                Duration.ofSeconds(1));
    }

    public LdapConfig ldaps() {
        return ldaps(URI.create("ldaps://localhost:" + ldapsPort()));
    }

    public LdapConfig startTls() {
        return new LdapConfig(List.of(URI.create("ldap://localhost:" + startTlsPort())), true, false, BASE_DN, "CONTOSO",
                null, Map.of(HELPDESK_GROUP, "helpdesk", ADMIN_GROUP, "admin"), keystore,
                Secret.ofNullable(STORE_PASSWORD), Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    /** Active Directory binds by UPN or DOMAIN\name as well as by DN; the generic server only by DN. */
    private final class ActiveDirectoryBindNames extends InMemoryOperationInterceptor {
        @Override
        public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
            SimpleBindRequest bind = request.getRequest();
            String dn = bindNames.get(bind.getBindDN().toLowerCase(Locale.ROOT));
            if (dn != null) {
                request.setRequest(new SimpleBindRequest(dn, bind.getPassword().getValue()));
            }
        }
    }
}
