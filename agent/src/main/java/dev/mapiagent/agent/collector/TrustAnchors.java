package dev.mapiagent.agent.collector;

import dev.mapiagent.agent.host.BadInputException;
import dev.mapiagent.agent.host.BoundedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

    /** A CA bundle is a few kilobytes; this bounds what a wrong path (a log, a device) can cost. */
    private static final long MAX_PEM_BYTES = 1024 * 1024;

    private TrustAnchors() {
    }

    /** The system's trust ({@link #system()}), or only the certificates in {@code pemPath} when it is not empty. */
    public static SSLContext context(String pemPath) {
        if (pemPath == null || pemPath.isBlank()) {
            return system();
        }
        return pinned(Path.of(pemPath.strip()));
    }

    /**
     * On Windows the machine's and user's trusted roots (what Outlook trusts, including an enterprise CA
     * deployed by Group Policy), through the JDK's own SunMSCAPI; elsewhere the JVM's default trust.
     */
    public static SSLContext system() {
        try {
            if (System.getProperty("os.name", "").startsWith("Windows")) {
                KeyStore roots = KeyStore.getInstance("Windows-ROOT");
                roots.load(null, null);
                return withTrust(roots);
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the system's trusted certificates: " + e.getMessage(), e);
        }
    }

    public static SSLContext pinned(Path pem) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(BoundedFiles.read(pem, MAX_PEM_BYTES)));
        } catch (BoundedFiles.RefusedFileException e) {
            throw new BadInputException("CollectorCaCertificate refused: " + e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("CollectorCaCertificate cannot be read: " + pem);
        } catch (GeneralSecurityException e) {
            throw new BadInputException("CollectorCaCertificate is not a PEM certificate: " + pem);
        }
        if (certificates.isEmpty()) {
            throw new BadInputException("CollectorCaCertificate holds no certificate: " + pem);
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            return withTrust(trust);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the pinned TLS trust: " + e.getMessage(), e);
        }
    }

    private static SSLContext withTrust(KeyStore trust) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
