package dev.mapiagent.collector.auth;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The key a device is bound to: an EC P-256 public key (base64 DER SubjectPublicKeyInfo), and the proof of
 * possession of its private half, a SHA256withECDSA signature (base64 DER) over {@link #signedText}.
 */
public final class DeviceKeys {

    /** A P-256 SubjectPublicKeyInfo is 91 bytes; anything much longer is not one. */
    private static final int MAX_KEY_CHARS = 200;
    private static final ECParameterSpec P256 = p256();

    private DeviceKeys() {
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no EC P-256", e);
        }
    }

    /**
     * What a device signs to re-enrol: the purpose, the device id and the challenge, so a signature made for one
     * device or one purpose proves nothing for another.
     */
    public static byte[] signedText(String deviceId, String challenge) {
        return ("mapi-enroll-v1\n" + deviceId + "\n" + challenge).getBytes(StandardCharsets.UTF_8);
    }

    /** The key when the text is a base64 DER EC P-256 public key; an IllegalArgumentException saying why not otherwise. */
    public static PublicKey parse(String base64) {
        if (base64 == null || base64.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException("publicKey must be a base64 DER SubjectPublicKeyInfo of an EC P-256 key");
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (key instanceof ECPublicKey ec && ec.getParams().getCurve().equals(P256.getCurve())) {
                return key;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("publicKey must be a base64 DER SubjectPublicKeyInfo of an EC P-256 key");
    }

    /** Whether the proof is the key's signature over {@link #signedText}; false for anything malformed. */
    public static boolean verify(String publicKey, String deviceId, String challenge, String proof) {
        if (proof == null || proof.length() > MAX_KEY_CHARS) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(parse(publicKey));
            verifier.update(signedText(deviceId, challenge));
            return verifier.verify(Base64.getDecoder().decode(proof));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
