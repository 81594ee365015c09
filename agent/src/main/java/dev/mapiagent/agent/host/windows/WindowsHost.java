package dev.mapiagent.agent.host.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.KnownFolders;
import com.sun.jna.platform.win32.Secur32;
import com.sun.jna.platform.win32.Secur32Util;
import com.sun.jna.platform.win32.Shell32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.ptr.IntByReference;
import dev.mapiagent.agent.host.AgentLogFile;
import dev.mapiagent.agent.host.CredentialVault;
import dev.mapiagent.agent.host.EventLog;
import dev.mapiagent.agent.host.ExecutionContext;
import dev.mapiagent.agent.host.FileEventLog;
import dev.mapiagent.agent.host.FileVersions;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Host;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.agent.host.IdleMemory;
import dev.mapiagent.agent.host.Processes;
import dev.mapiagent.agent.host.RandomIds;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.SecretProtector;
import dev.mapiagent.agent.host.WindowsEdition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * This PC, as the signed-in user sees it. {@link #create()} is the one entry point the rest of the
 * agent uses into this package (the architecture test allows no other), beside {@link #randomSource()}.
 */
public final class WindowsHost implements Host {

    private final Registry registry;
    private final CredentialVault credentials;
    private final Processes processes;
    private final EventLog eventLog;
    private final String hostname;
    private final String userName;
    private final String deviceId;
    private final ExecutionContext executionContext;

    private WindowsHost(Registry registry, Processes processes, ExecutionContext executionContext, String netbiosName,
                        String hostname, String userName) {
        this.registry = registry;
        this.credentials = new WindowsCredentialVault();
        this.processes = processes;
        this.executionContext = executionContext;
        this.eventLog = new WindowsEventLog(new FileEventLog(AgentLogFile.of(localAppData(), Clock.systemUTC())));
        this.hostname = hostname;
        this.userName = userName;
        this.deviceId = MachineIdentity.deviceId(
                registry.string(Hive.HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\Cryptography", "MachineGuid"),
                netbiosName);
    }

    /**
     * The live host. Checks the OS before any native call, so that elsewhere the caller gets a
     * HostException it can print instead of an UnsatisfiedLinkError; refuses a service account or the
     * services' session, where HKCU, the credentials and the folders are not the user's.
     */
    public static WindowsHost create() {
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
            throw new HostException("live mode needs Windows; use --snapshot DIR");
        }
        try {
            WindowsProcesses processes = new WindowsProcesses();
            ExecutionContext context = ProcessToken.current(processes.currentSessionId());
            Optional<String> refusal = context.refusal();
            if (refusal.isPresent()) {
                throw new HostException(refusal.get());
            }
            String netbiosName = Kernel32Util.getComputerName();
            return new WindowsHost(new WindowsRegistry(), processes, context, netbiosName,
                    MachineIdentity.hostname(dnsFullyQualifiedName(), netbiosName),
                    MachineIdentity.userName(userPrincipalName(), Advapi32Util.getUserName()));
        } catch (LinkageError e) {
            // JNA loads jnidispatch.dll from jna.boot.library.path (the install folder), else unpacks it to
            // %TEMP%, which AppLocker and WDAC often forbid
            throw new HostException("could not load JNA's native library (" + firstLine(e.getMessage())
                    + "); jnidispatch.dll belongs beside mapi-agent.jar, or name its folder with"
                    + " -Djna.boot.library.path=<folder>", e);
        } catch (Win32Exception e) {
            throw new HostException("could not read this PC's name or user: " + Win32ErrorText.describe(e.getErrorCode()), e);
        }
    }

    /**
     * Windows' cryptographic random source, for the ids the agent makes on Windows whether it diagnoses this PC
     * or a snapshot: the source depends on the OS, not on the host.
     */
    public static RandomIds.Source randomSource() {
        return new SystemPreferredRng();
    }

    private static Optional<String> dnsFullyQualifiedName() {
        char[] lpBuffer = new char[256];
        IntByReference nSize = new IntByReference(lpBuffer.length);
        if (!Kernel32.INSTANCE.GetComputerNameEx(WinBase.COMPUTER_NAME_FORMAT.ComputerNameDnsFullyQualified, lpBuffer, nSize)) {
            return Optional.empty();
        }
        return Optional.of(new String(lpBuffer, 0, nSize.getValue()));
    }

    /** Fails for a local account (ERROR_NONE_MAPPED) and when no domain controller answers: then there is none. */
    private static Optional<String> userPrincipalName() {
        try {
            return Optional.of(Secur32Util.getUserNameEx(Secur32.EXTENDED_NAME_FORMAT.NameUserPrincipal));
        } catch (Win32Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public Registry registry() {
        return registry;
    }

    @Override
    public CredentialVault credentials() {
        return credentials;
    }

    @Override
    public Processes processes() {
        return processes;
    }

    @Override
    public EventLog eventLog() {
        return eventLog;
    }

    @Override
    public Path localAppData() {
        try {
            return Path.of(Shell32Util.getKnownFolderPath(KnownFolders.FOLDERID_LocalAppData));
        } catch (Win32Exception e) {
            throw new HostException("could not find %LOCALAPPDATA%: " + Win32ErrorText.describe(e.getErrorCode()), e);
        }
    }

    /** Outlook's Connection Status table is only on screen; a live host has no text of it. */
    @Override
    public Optional<String> connectionStatusText() {
        return Optional.empty();
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public String hostname() {
        return hostname;
    }

    @Override
    public String userName() {
        return userName;
    }

    @Override
    public String describe() {
        return "this PC";
    }

    @Override
    public FileVersions fileVersions() {
        return new WindowsFileVersions();
    }

    @Override
    public IdleMemory idleMemory() {
        return new WindowsIdleMemory();
    }

    @Override
    public SecretProtector secretProtector() {
        return new DpapiSecretProtector();
    }

    @Override
    public Optional<WindowsEdition> windowsEdition() {
        return WindowsEditions.read();
    }

    @Override
    public ExecutionContext executionContext() {
        return executionContext;
    }

    private static String firstLine(String message) {
        return message == null ? "no detail" : message.lines().findFirst().orElse("no detail");
    }
}
