package dev.mapiagent.agent.host.windows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The device id the collector keys a PC by. JNA-free. */
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
}
