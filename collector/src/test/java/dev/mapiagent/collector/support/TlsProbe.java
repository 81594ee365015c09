package dev.mapiagent.collector.support;

import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client for the tests, run in a JVM of its own (so it can be given a java.security that still allows old
 * protocols): {@code TlsProbe HOST PORT PROTOCOL[:SUITE]...} tries one handshake per argument and prints
 * "accepted PROTOCOL SUITE" or "refused" for each, one line each. It only probes the handshake, so it trusts any
 * certificate.
 */
public final class TlsProbe {

    private TlsProbe() {
    }

    public static void main(String[] args) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingAnything()}, null);
        for (int i = 2; i < args.length; i++) {
            String[] spec = args[i].split(":", 2);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(args[0], Integer.parseInt(args[1]))) {
                socket.setSoTimeout(10_000);
                socket.setEnabledProtocols(new String[] {spec[0]});
                if (spec.length > 1) {
                    socket.setEnabledCipherSuites(new String[] {spec[1]});
                }
                socket.startHandshake();
                System.out.println("accepted " + socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite());
            } catch (java.io.IOException e) {
                System.out.println("refused " + args[i]);
            }
        }
    }

    private static final class TrustingAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
