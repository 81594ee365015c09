package dev.mapiagent.agent.diagnosis;

import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.MapiHttpSection;
import dev.mapiagent.protocol.Severity;
import java.util.ArrayList;
import java.util.List;

/** Reads MapiHttpDisabled in the user key and in the policy key (KB2937684). */
public final class MapiHttpSwitch {

    public static final String USER_KEY = "Software\\Microsoft\\Exchange";
    public static final String POLICY_KEY = "Software\\Policies\\Microsoft\\Exchange";
    public static final String VALUE = "MapiHttpDisabled";

    /** The section and its findings. */
    public record Result(MapiHttpSection section, List<Finding> findings) {
        public boolean disabled() {
            return !findings.isEmpty();
        }
    }

    private MapiHttpSwitch() {
    }

    public static Result read(Registry registry) {
        Long user = registry.number(Hive.HKEY_CURRENT_USER, USER_KEY, VALUE).orElse(null);
        Long policy = registry.number(Hive.HKEY_CURRENT_USER, POLICY_KEY, VALUE).orElse(null);
        List<Finding> findings = new ArrayList<>();
        if (isOn(user)) {
            findings.add(Finding.of(FindingCode.MAPIHTTP_DISABLED_REGISTRY, Severity.ERROR,
                    "MAPI over HTTP is switched off for this user, so Outlook uses RPC over HTTP.",
                    Hive.HKEY_CURRENT_USER.display(USER_KEY) + " " + VALUE + " = " + user));
        }
        if (isOn(policy)) {
            findings.add(Finding.of(FindingCode.MAPIHTTP_DISABLED_POLICY, Severity.ERROR,
                    "A policy switches MAPI over HTTP off for this user; Group Policy re-applies it.",
                    Hive.HKEY_CURRENT_USER.display(POLICY_KEY) + " " + VALUE + " = " + policy));
        }
        MapiHttpSection section = new MapiHttpSection(Hive.HKEY_CURRENT_USER.display(USER_KEY), user,
                Hive.HKEY_CURRENT_USER.display(POLICY_KEY), policy);
        return new Result(section, findings);
    }

    /** Outlook treats any non-zero DWORD as "disabled". */
    private static boolean isOn(Long value) {
        return value != null && value != 0;
    }
}
