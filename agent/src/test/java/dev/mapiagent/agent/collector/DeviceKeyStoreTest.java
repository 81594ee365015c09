package dev.mapiagent.agent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.SecretProtector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class DeviceKeyStoreTest {

    @TempDir
    Path temp;

    /** Stands for DPAPI: a marker in front of what is stored; anything without it cannot be unprotected. */
    private static final SecretProtector MARKING = new SecretProtector() {
        @Override
        public byte[] protect(byte[] secret) {
            return ("dpapi:" + new String(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] unprotect(byte[] stored) {
            String text = new String(stored, StandardCharsets.UTF_8);
            if (!text.startsWith("dpapi:")) {
                throw new HostException("not ours");
            }
            return text.substring("dpapi:".length()).getBytes(StandardCharsets.UTF_8);
        }
    };

    @Test
    void aCreatedKeyLoadsBackAndItsSignaturesVerifyWithItsPublicHalf() throws Exception {
        DeviceKeyStore store = new DeviceKeyStore(temp, MARKING);
        DeviceKey created = store.create();

        DeviceKey loaded = store.load().orElseThrow();

        assertEquals(created.publicKeyBase64(), loaded.publicKeyBase64());
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(loaded.publicKeyBase64()))));
        verifier.update("mapi-enroll-v1\nd1\nchallenge-1".getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(loaded.sign("d1", "challenge-1"))));
    }

    @Test
    void theKeyIsAnEcP256Key() throws Exception {
        DeviceKey key = new DeviceKeyStore(temp, MARKING).create();

        ECPublicKey ec = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKeyBase64())));
        assertEquals(256, ec.getParams().getCurve().getField().getFieldSize());
    }

    @Test
    void theKeyIsStoredThroughTheProtector() throws IOException {
        DeviceKeyStore store = new DeviceKeyStore(temp, MARKING);
        store.create();

        assertTrue(Files.readString(store.file()).startsWith("dpapi:"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theKeyFileIsReadableByTheUserOnly() throws IOException {
        DeviceKeyStore store = new DeviceKeyStore(temp, SecretProtector.USER_FILE_ONLY);

        store.create();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void aKeyThatCannotBeUnprotectedCountsAsNone() throws IOException {
        Files.writeString(temp.resolve(DeviceKeyStore.FILE_NAME), "garbage");

        assertEquals(Optional.empty(), new DeviceKeyStore(temp, MARKING).load());
    }

    @Test
    void noKeyFileIsNoKey() {
        assertFalse(new DeviceKeyStore(temp, MARKING).load().isPresent());
    }

    @Test
    void theKeyDoesNotShowItsPrivateHalf() {
        DeviceKey key = new DeviceKeyStore(temp, MARKING).create();

        String privateHalf = Base64.getEncoder().encodeToString(key.pair().getPrivate().getEncoded());
        assertFalse(key.toString().contains(privateHalf));
    }
}
