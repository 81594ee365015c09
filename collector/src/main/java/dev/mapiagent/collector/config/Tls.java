package dev.mapiagent.collector.config;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS connector used instead of plain HTTP when a keystore is configured: TLS 1.2 and 1.3 only (the runbook's
 * floor), and on TLS 1.2 only suites with forward secrecy (ECDHE) and authenticated encryption (GCM,
 * ChaCha20-Poly1305), whatever the JDK's java.security still allows.
 */
public final class Tls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Regular expressions (as Jetty takes them) of the suites offered: TLS 1.3's, and TLS 1.2's ECDHE with AEAD. */
    static final String[] CIPHER_SUITES = {
        "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_(ECDSA|RSA)_WITH_AES_(128|256)_GCM_SHA(256|384)",
        "TLS_ECDHE_(ECDSA|RSA)_WITH_CHACHA20_POLY1305_SHA256"};

    private Tls() {
    }

    public static Connector connector(Server server, HttpConfiguration http, CollectorConfig config) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(config.tlsKeystore().toAbsolutePath().toString());
        if (config.tlsKeystorePassword() != null) {
            ssl.setKeyStorePassword(config.tlsKeystorePassword().reveal());
        }
        ssl.setIncludeProtocols(PROTOCOLS);
        ssl.setIncludeCipherSuites(CIPHER_SUITES);
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setPort(config.port());
        return connector;
    }
}
