package dev.mapiagent.agent.collector;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ssl.TLS;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client settings every outgoing request of the agent shares: verified TLS with the given
 * trust (hostname checked), TLS 1.3 and 1.2 only with current cipher suites, connect and response timeouts, no
 * automatic retries (the agent decides when to retry), no redirects, no cookies, no credentials from the environment.
 */
public final class AgentHttp {

    /**
     * Mozilla's "intermediate" configuration (https://wiki.mozilla.org/Security/Server_Side_TLS):
     * TLS 1.3's suites, and for TLS 1.2 only forward-secret AEAD suites (ECDHE/DHE with AES-GCM or ChaCha20-Poly1305).
     * Not the JVM's defaults: those still allow CBC suites, and TLS 1.0/1.1 wherever java.security re-enables them.
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private AgentHttp() {
    }

    public static CloseableHttpClient client(SSLContext trust, Duration connectTimeout, Duration responseTimeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(trust)
                                .setTlsVersions(TLS.V_1_3, TLS.V_1_2)
                                .setCiphers(supported(trust))
                                .buildClassic())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout))
                                .build())
                        .setMaxConnTotal(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** The suites above that this JVM has: naming one it lacks would fail every connection. */
    private static String[] supported(SSLContext trust) {
        Set<String> available = Set.of(trust.getSupportedSSLParameters().getCipherSuites());
        return CIPHER_SUITES.stream().filter(available::contains).toArray(String[]::new);
    }
}
