package dev.mapiagent.agent.host.windows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** How the report names the PC and its user, and the device id the collector keys a PC by. JNA-free. */
public final class MachineIdentity {

    private MachineIdentity() {
    }

    /**
     * MachineGuid (HKLM\SOFTWARE\Microsoft\Cryptography), lower-cased, when Windows has one; otherwise a
     * UUID derived from the host name, so that the id at least stays the same from one run to the next.
     */
    public static String deviceId(Optional<String> machineGuid, String hostname) {
        return machineGuid.map(String::strip)
                .filter(guid -> !guid.isEmpty())
                .map(guid -> guid.toLowerCase(Locale.ROOT))
                .orElseGet(() -> UUID.nameUUIDFromBytes(("mapi-agent:host:" + hostname.toLowerCase(Locale.ROOT))
                        .getBytes(StandardCharsets.UTF_8)).toString());
    }

    /**
     * The PC's DNS name (GetComputerNameEx ComputerNameDnsFullyQualified: {@code pc42.contoso.com}, or just
     * the host name in a workgroup) when Windows gives one; else the NetBIOS name, at most 15 characters.
     */
    public static String hostname(Optional<String> dnsFullyQualified, String netbiosName) {
        return nonBlank(dnsFullyQualified.map(name -> name.endsWith(".") ? name.substring(0, name.length() - 1) : name))
                .orElse(netbiosName);
    }

    /**
     * The user's UPN ({@code ann@contoso.com}, GetUserNameEx NameUserPrincipal) when the account has one; a
     * local account has none, and then the SAM account name stands.
     */
    public static String userName(Optional<String> userPrincipalName, String samAccountName) {
        return nonBlank(userPrincipalName).orElse(samAccountName);
    }

    private static Optional<String> nonBlank(Optional<String> text) {
        return text.map(String::strip).filter(t -> !t.isEmpty());
    }
}
