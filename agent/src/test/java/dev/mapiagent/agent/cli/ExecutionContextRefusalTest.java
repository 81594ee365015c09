package dev.mapiagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.ExecutionContext;
import dev.mapiagent.agent.host.HostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an Intune script left to run as SYSTEM sees: the live host refuses (WindowsHost.create throws the
 * refusal of the token it read), and every command exits 3 with one line, never 0 for a "healthy" PC.
 */
class ExecutionContextRefusalTest {

    private static final HostProvider AS_SYSTEM = snapshotOrNull -> {
        throw new HostException(new ExecutionContext("S-1-5-18", 0, false).refusal().orElseThrow());
    };

    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "heal", "undo", "run"})
    void everyLiveCommandExitsThreeWithOneLine(String command) {
        CliRun run = CliRun.on(AS_SYSTEM, command);

        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("LocalSystem") && run.err().contains("logged-on user"), run.err());
        assertEquals("", run.out());
    }
}
