package dev.mapiagent.agent.host;

import java.nio.file.Path;
import java.util.Optional;

/** One Windows user environment: the live PC or a snapshot directory that stands for one. */
public interface Host {

    Registry registry();

    CredentialVault credentials();

    Processes processes();

    EventLog eventLog();

    /** %LOCALAPPDATA% of the user (FOLDERID_LocalAppData). */
    Path localAppData();

    /** Text of Outlook's Connection Status table when the host holds one (snapshot), else empty. */
    Optional<String> connectionStatusText();

    /** Stable id of the PC: MachineGuid when known. */
    String deviceId();

    String hostname();

    String userName();

    /** A short description for messages: "this PC" or "snapshot DIR". */
    String describe();

    /** Version resources of executables (files.json in a snapshot); none when the host cannot read them. */
    default FileVersions fileVersions() {
        return FileVersions.NONE;
    }

    /** How secrets the agent keeps (its token) are protected at rest; DPAPI on a live Windows host. */
    default SecretProtector secretProtector() {
        return SecretProtector.USER_FILE_ONLY;
    }

    /** The agent process's own memory, released while the resident agent waits. */
    default IdleMemory idleMemory() {
        return IdleMemory.HEAP_ONLY;
    }

    /** The Windows edition's session facts; empty when the host cannot tell (a snapshot without windows.json). */
    default Optional<WindowsEdition> windowsEdition() {
        return Optional.empty();
    }

    /** Who the agent runs as; a snapshot stands for its signed-in user. */
    default ExecutionContext executionContext() {
        return ExecutionContext.SIGNED_IN_USER;
    }
}
