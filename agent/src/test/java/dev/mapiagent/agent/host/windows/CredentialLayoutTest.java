package dev.mapiagent.agent.host.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/**
 * The CREDENTIALW layout of wincred.h, checked on every OS: CREDENTIAL carries its own type mapper, so
 * JNA computes the layout without loading Advapi32. Offsets on 64-bit: Flags 0, Type 4, TargetName 8,
 * Comment 16, LastWritten 24 (FILETIME: two DWORDs, 4-byte aligned), CredentialBlobSize 32, 4 bytes of
 * padding, CredentialBlob 40, Persist 48, AttributeCount 52, Attributes 56, TargetAlias 64, UserName 72,
 * size 80. On 32-bit every pointer is 4 bytes and nothing is padded: size 52.
 */
class CredentialLayoutTest {

    private static final boolean POINTERS_64 = Native.POINTER_SIZE == 8;

    private static final long TYPE = 4;
    private static final long TARGET_NAME = 8;
    private static final long CREDENTIAL_BLOB_SIZE = POINTERS_64 ? 32 : 24;
    private static final long CREDENTIAL_BLOB = POINTERS_64 ? 40 : 28;
    private static final long PERSIST = POINTERS_64 ? 48 : 32;
    private static final long USER_NAME = POINTERS_64 ? 72 : 48;

    @Test
    void hasTheSizeOfWincredLayout() {
        assertEquals(POINTERS_64 ? 80 : 52, new CREDENTIAL().size());
    }

    @Test
    void readsMetadataFromWincredOffsets() {
        try (Memory credential = new Memory(new CREDENTIAL().size());
                Memory target = wide("MicrosoftOffice16_Data:SSPI:ann@contoso.com");
                Memory user = wide("ann@contoso.com")) {
            credential.clear();
            credential.setInt(TYPE, WinCred.CRED_TYPE_GENERIC);
            credential.setPointer(TARGET_NAME, target);
            credential.setInt(PERSIST, WinCred.CRED_PERSIST_ENTERPRISE);
            credential.setPointer(USER_NAME, user);

            CREDENTIAL c = new CREDENTIAL(credential).readMetadata();

            assertEquals(WinCred.CRED_TYPE_GENERIC, c.Type);
            assertEquals("MicrosoftOffice16_Data:SSPI:ann@contoso.com", c.TargetName);
            assertEquals(WinCred.CRED_PERSIST_ENTERPRISE, c.Persist);
            assertEquals("ann@contoso.com", c.UserName);
        }
    }

    @Test
    void neverReadsTheCredentialBlob() {
        try (Memory credential = new Memory(new CREDENTIAL().size()); Memory secret = wide("hunter2")) {
            credential.clear();
            credential.setInt(CREDENTIAL_BLOB_SIZE, 14);
            credential.setPointer(CREDENTIAL_BLOB, secret);

            CREDENTIAL c = new CREDENTIAL(credential).readMetadata();

            assertNull(c.CredentialBlob);
            assertEquals(0, c.CredentialBlobSize);
        }
    }

    /** A NUL-terminated wide string in the platform's wchar_t (2 bytes on Windows, 4 on Linux). */
    private static Memory wide(String text) {
        Memory memory = new Memory((text.length() + 1L) * Native.WCHAR_SIZE);
        memory.setWideString(0, text);
        return memory;
    }
}
