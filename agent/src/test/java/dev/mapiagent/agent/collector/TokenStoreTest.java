package dev.mapiagent.agent.collector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.SecretProtector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path temp;

    /** Stands for DPAPI: the stored bytes are not the token. */
    private static final SecretProtector REVERSING = new SecretProtector() {
        @Override
        public byte[] protect(byte[] secret) {
            return reverse(secret);
        }

        @Override
        public byte[] unprotect(byte[] stored) {
            if (stored.length > 0 && stored[0] == '!') {
                throw new HostException("not ours");
            }
            return reverse(stored);
        }
    };

    @Test
    void savedTokenLoadsBack() {
        TokenStore store = new TokenStore(temp, REVERSING);

        store.save("tok-123");

        assertEquals(Optional.of("tok-123"), store.load());
    }

    @Test
    void tokenIsStoredThroughTheProtector() throws IOException {
        new TokenStore(temp, REVERSING).save("tok-123");

        assertArrayEquals("321-kot".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(temp.resolve("agent-token")));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void tokenFileIsReadableByTheUserOnly() throws IOException {
        TokenStore store = new TokenStore(temp, SecretProtector.USER_FILE_ONLY);

        store.save("tok-123");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void aTokenThatCannotBeUnprotectedCountsAsNone() throws IOException {
        Files.writeString(temp.resolve("agent-token"), "!garbage");

        assertEquals(Optional.empty(), new TokenStore(temp, REVERSING).load());
    }

    @Test
    void clearedTokenIsGone() {
        TokenStore store = new TokenStore(temp, REVERSING);
        store.save("tok-123");

        store.clear();

        assertEquals(Optional.empty(), store.load());
        assertFalse(Files.exists(store.file()));
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
