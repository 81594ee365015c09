package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.CredentialPersist;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.StoredCredential;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * WinCred's int constants are compile-time constants: javac copies them here, so WinCred (and Advapi32)
 * is never loaded and these tests run on any OS.
 */
class CredentialRecordsTest {

    @Test
    void mapsOfficeSspiGenericCredential() {
        assertEquals(Optional.of(new StoredCredential("MicrosoftOffice16_Data:SSPI:ann@contoso.com",
                        CredentialType.GENERIC, "ann@contoso.com", CredentialPersist.LOCAL_MACHINE)),
                CredentialRecords.stored("MicrosoftOffice16_Data:SSPI:ann@contoso.com", WinCred.CRED_TYPE_GENERIC,
                        "ann@contoso.com", WinCred.CRED_PERSIST_LOCAL_MACHINE));
    }

    @Test
    void mapsEveryWincredType() {
        int[] win32 = {WinCred.CRED_TYPE_GENERIC, WinCred.CRED_TYPE_DOMAIN_PASSWORD,
                WinCred.CRED_TYPE_DOMAIN_CERTIFICATE, WinCred.CRED_TYPE_DOMAIN_VISIBLE_PASSWORD,
                WinCred.CRED_TYPE_GENERIC_CERTIFICATE, WinCred.CRED_TYPE_DOMAIN_EXTENDED};
        CredentialType[] expected = {CredentialType.GENERIC, CredentialType.DOMAIN_PASSWORD,
                CredentialType.DOMAIN_CERTIFICATE, CredentialType.DOMAIN_VISIBLE_PASSWORD,
                CredentialType.GENERIC_CERTIFICATE, CredentialType.DOMAIN_EXTENDED};
        for (int i = 0; i < win32.length; i++) {
            assertEquals(expected[i], CredentialRecords.stored("t", win32[i], "u", 2).orElseThrow().type());
        }
    }

    @Test
    void mapsEveryWincredPersistence() {
        int[] win32 = {WinCred.CRED_PERSIST_NONE, WinCred.CRED_PERSIST_SESSION,
                WinCred.CRED_PERSIST_LOCAL_MACHINE, WinCred.CRED_PERSIST_ENTERPRISE};
        CredentialPersist[] expected = {CredentialPersist.NONE, CredentialPersist.SESSION,
                CredentialPersist.LOCAL_MACHINE, CredentialPersist.ENTERPRISE};
        for (int i = 0; i < win32.length; i++) {
            assertEquals(expected[i], CredentialRecords.stored("t", 1, "u", win32[i]).orElseThrow().persist());
        }
    }

    @Test
    void leavesOutTypesWincredDoesNotDocument() {
        assertTrue(CredentialRecords.stored("t", 0, "u", 2).isEmpty());
        assertTrue(CredentialRecords.stored("t", 7, "u", 2).isEmpty());
    }

    @Test
    void leavesOutUnknownPersistence() {
        assertTrue(CredentialRecords.stored("t", 1, "u", 4).isEmpty());
    }

    @Test
    void givesEmptyUserWhenUserNameIsNull() {
        assertEquals("", CredentialRecords.stored("git:https://github.com", 1, null, 2).orElseThrow().user());
    }

    @Test
    void leavesOutCredentialWithoutTargetName() {
        assertTrue(CredentialRecords.stored(null, 1, "u", 2).isEmpty());
    }
}
