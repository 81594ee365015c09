package dev.mapiagent.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutionContextTest {

    private static final String USER = "S-1-5-21-3623811015-3361044348-30300820-1013";

    @Test
    void theSignedInUserInTheirSessionMayRun() {
        assertEquals(Optional.empty(), new ExecutionContext(USER, 1, false).refusal());
    }

    @Test
    void anElevatedSignedInUserMayRun() {
        assertEquals(Optional.empty(), new ExecutionContext(USER, 2, true).refusal());
    }

    /** Intune runs remediation scripts as SYSTEM unless told otherwise; services run as the other two. */
    @ParameterizedTest
    @CsvSource({"S-1-5-18, LocalSystem", "S-1-5-19, LocalService", "S-1-5-20, NetworkService", "s-1-5-18, LocalSystem"})
    void aServiceAccountIsRefusedByName(String sid, String account) {
        String refusal = new ExecutionContext(sid, 1, false).refusal().orElseThrow();
        assertTrue(refusal.contains(account), refusal);
        assertTrue(refusal.contains("logged-on user"), refusal);
    }

    @Test
    void sessionZeroIsRefusedForAnyAccount() {
        String refusal = new ExecutionContext(USER, 0, false).refusal().orElseThrow();
        assertTrue(refusal.contains("session 0"), refusal);
    }

    @Test
    void aRefusalIsOneLine() {
        assertFalse(new ExecutionContext("S-1-5-18", 0, true).refusal().orElseThrow().contains("\n"));
    }

    @Test
    void aSnapshotStandsForItsSignedInUser() {
        assertEquals(Optional.empty(), ExecutionContext.SIGNED_IN_USER.refusal());
        assertFalse(ExecutionContext.SIGNED_IN_USER.elevated());
    }
}
