package dev.mapiagent.agent.host;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who the agent runs as: the user of its process token, its Windows session, and whether the token is
 * elevated. HKCU, Credential Manager, %LOCALAPPDATA% and DPAPI all belong to that token's user, so the
 * agent is only right when that user is the one signed in at the PC.
 *
 * @param userSid   the token user's SID in string form ({@code S-1-5-21-...}); empty when not known (a snapshot)
 * @param sessionId the Windows session of the agent's process; 0 is the services' session
 * @param elevated  the token is elevated (TokenElevation): programs it starts run elevated too
 */
public record ExecutionContext(String userSid, int sessionId, boolean elevated) {

    /** What a snapshot stands for: its user, signed in at session 1, not elevated. */
    public static final ExecutionContext SIGNED_IN_USER = new ExecutionContext("", 1, false);

    /** The well-known SIDs of the service accounts (Microsoft, "Well-known SIDs"). */
    private static final Map<String, String> SERVICE_ACCOUNTS = Map.of(
            "S-1-5-18", "LocalSystem",
            "S-1-5-19", "LocalService",
            "S-1-5-20", "NetworkService");

    public ExecutionContext {
        userSid = userSid == null ? "" : userSid;
    }

    /**
     * Why the agent must not run here, in one line; empty when it may. A service account's HKCU and
     * credentials are not the user's, so a diagnosis there would find nothing and call the PC healthy.
     */
    public Optional<String> refusal() {
        String account = SERVICE_ACCOUNTS.get(userSid.toUpperCase(Locale.ROOT));
        if (account != null) {
            return Optional.of("the agent runs as " + account + " (" + userSid + "), whose registry, credentials and"
                    + " folders are not the user's; run it as the logged-on user (Intune: \"Run this script using the"
                    + " logged-on credentials\" = Yes)");
        }
        if (sessionId == 0) {
            return Optional.of("the agent runs in session 0 (a service or a task that runs whether the user is logged"
                    + " on or not), where no user's Outlook runs; run it as the logged-on user, in their session");
        }
        return Optional.empty();
    }
}
