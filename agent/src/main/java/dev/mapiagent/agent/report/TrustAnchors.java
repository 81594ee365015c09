package dev.mapiagent.agent.report;

import dev.mapiagent.agent.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS trust the agent uses: the system's, or only the CA certificates of one PEM file (pinning). */
public final class TrustAnchors {

    private TrustAnchors() {
    }

    /** The JVM's default trust, or only the certificates in {@code pemPath} when it is not empty. */
    public static SSLContext context(String pemPath) {
        if (pemPath == null || pemPath.isBlank()) {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no default TLS context: " + e.getMessage(), e);
            }
        }
        return pinned(Path.of(pemPath.strip()));
    }

    public static SSLContext pinned(Path pem) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new ConfigException("CollectorCaCertificate cannot be read: " + pem);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("CollectorCaCertificate is not a PEM certificate: " + pem);
        }
        if (certificates.isEmpty()) {
            throw new ConfigException("CollectorCaCertificate holds no certificate: " + pem);
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the pinned TLS trust: " + e.getMessage(), e);
        }
    }
}
