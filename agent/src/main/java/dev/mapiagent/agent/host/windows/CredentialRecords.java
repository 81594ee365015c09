package dev.mapiagent.agent.host.windows;

import dev.mapiagent.agent.host.CredentialPersist;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.StoredCredential;
import java.util.Optional;

/** Turns the fields read from a CREDENTIALW into a {@link StoredCredential}. JNA-free. */
public final class CredentialRecords {

    private CredentialRecords() {
    }

    /**
     * The credential, or empty when Windows reports a Type or Persist outside wincred.h's documented
     * values: such an entry cannot be written to credentials.json nor deleted by type, so it is left out.
     * A credential without UserName (common for generic ones) gets "", as cmdkey shows no User line.
     */
    public static Optional<StoredCredential> stored(String TargetName, int Type, String UserName, int Persist) {
        if (TargetName == null) {
            return Optional.empty();
        }
        Optional<CredentialType> type = CredentialType.byWin32(Type);
        Optional<CredentialPersist> persist = CredentialPersist.byWin32(Persist);
        if (type.isEmpty() || persist.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoredCredential(TargetName, type.get(), UserName == null ? "" : UserName, persist.get()));
    }
}
