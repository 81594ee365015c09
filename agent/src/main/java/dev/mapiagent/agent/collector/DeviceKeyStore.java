package dev.mapiagent.agent.collector;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.BoundedFiles;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.SecretProtector;
import dev.mapiagent.agent.host.StateFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The key pair that binds this PC to its device id at the collector (DESIGN.md §6), made at the first enrollment and
 * kept in {@code <state>/device-key}: both halves (base64 DER, public then private, one per line) protected by the
 * host's {@link SecretProtector} (DPAPI on Windows) and readable by the user only. An unreadable key counts as none;
 * the collector then refuses to re-enroll the device until an admin resets its enrollment.
 */
public final class DeviceKeyStore {

    public static final String FILE_NAME = StateFolder.DEVICE_KEY;

    /** A protected key pair is a few hundred bytes. */
    private static final long MAX_BYTES = 64 * 1024;

    private final Path file;
    private final SecretProtector protector;

    public DeviceKeyStore(Path stateFolder, SecretProtector protector) {
        this.file = stateFolder.resolve(FILE_NAME);
        this.protector = protector;
    }

    public Optional<DeviceKey> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] lines = new String(protector.unprotect(BoundedFiles.read(file, MAX_BYTES)), StandardCharsets.UTF_8).strip().split("\n");
            if (lines.length != 2) {
                return Optional.empty();
            }
            KeyFactory ec = KeyFactory.getInstance("EC");
            return Optional.of(new DeviceKey(new KeyPair(
                    ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines[0].strip()))),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[1].strip()))))));
        } catch (IOException | HostException | BadSnapshotException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Makes a new EC P-256 key pair and keeps it, replacing any key kept before. */
    public DeviceKey create() {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no EC P-256", e);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        String text = base64.encodeToString(pair.getPublic().getEncoded()) + "\n"
                + base64.encodeToString(pair.getPrivate().getEncoded()) + "\n";
        OwnerOnlyFiles.write(file, protector.protect(text.getBytes(StandardCharsets.UTF_8)));
        return new DeviceKey(pair);
    }

    public Path file() {
        return file;
    }
}
