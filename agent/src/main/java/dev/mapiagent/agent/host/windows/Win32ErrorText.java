package dev.mapiagent.agent.host.windows;

import java.util.Map;

/**
 * One-line text for the Win32 error codes the host meets, for HostException messages. JNA-free; the
 * localized system text (FormatMessage) is avoided so helpdesk tickets read the same on every PC.
 */
public final class Win32ErrorText {

    private static final Map<Integer, String> KNOWN = Map.of(
            2, "ERROR_FILE_NOT_FOUND (2): not found",
            5, "ERROR_ACCESS_DENIED (5): access denied",
            87, "ERROR_INVALID_PARAMETER (87): invalid parameter",
            1004, "ERROR_INVALID_FLAGS (1004): invalid flags",
            1168, "ERROR_NOT_FOUND (1168): element not found",
            1312, "ERROR_NO_SUCH_LOGON_SESSION (1312): no credential set in this logon session;"
                    + " run the agent as the signed-in user, not as a service or over the network");

    private Win32ErrorText() {
    }

    public static String describe(int code) {
        return KNOWN.getOrDefault(code, "Win32 error " + code);
    }
}
