package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import dev.mapiagent.agent.host.CredentialPersist;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.StoredCredential;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.WINDOWS)
class WindowsCredentialVaultTest {

    private final WindowsCredentialVault vault = new WindowsCredentialVault();

    @Test
    void listsTheCredentialsOfThisLogonSession() {
        List<StoredCredential> credentials = vault.list();
        credentials.forEach(c -> assertFalse(c.target().isBlank(), c.toString()));
    }

    @Test
    void listsAndDeletesAThrowawayGenericCredential() {
        String target = "mapi-agent-test:" + UUID.randomUUID();
        CREDENTIAL credential = new CREDENTIAL();
        credential.Type = WinCred.CRED_TYPE_GENERIC;
        credential.TargetName = target;
        credential.UserName = "nobody@example.invalid";
        credential.Persist = WinCred.CRED_PERSIST_SESSION; // gone at logoff even if the test dies midway
        assertTrue(WinCredWrite.INSTANCE.CredWriteW(credential, 0), () -> "CredWriteW: " + Native.getLastError());

        assertTrue(vault.list().contains(new StoredCredential(target, CredentialType.GENERIC,
                "nobody@example.invalid", CredentialPersist.SESSION)));
        assertTrue(vault.delete(target, CredentialType.GENERIC));
        assertTrue(vault.list().stream().noneMatch(c -> c.target().equals(target)));
    }

    @Test
    void deletingAMissingCredentialReturnsFalse() {
        assertFalse(vault.delete("mapi-agent-test:" + UUID.randomUUID(), CredentialType.GENERIC));
    }
}
