package dev.mapiagent.agent.collector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/** This PC's device key: the public half goes to the collector, the private half signs re-enrollment challenges. */
public record DeviceKey(KeyPair pair) {

    /** The public key as the collector takes it: base64 DER SubjectPublicKeyInfo. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /**
     * The proof of possession: SHA256withECDSA (base64 DER) over "mapi-enroll-v1", the device id and the challenge,
     * one per line, so the signature proves nothing for another device or purpose.
     */
    public String sign(String deviceId, String challenge) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(("mapi-enroll-v1\n" + deviceId + "\n" + challenge).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the device key", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceKey[" + publicKeyBase64() + "]";
    }
}
