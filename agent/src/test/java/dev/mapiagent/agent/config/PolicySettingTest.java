package dev.mapiagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PolicySettingTest {

    private static final Set<String> HEAL_ACTION_IDS =
            Set.of("enable-mapihttp", "clear-office-credentials", "reset-autodiscover-cache", "restart-outlook");

    @Test
    void valueNamesAndConfigNamesAreUnique() {
        assertEquals(PolicySetting.values().length,
                Arrays.stream(PolicySetting.values()).map(PolicySetting::valueName).distinct().count());
        assertEquals(PolicySetting.values().length,
                Arrays.stream(PolicySetting.values()).map(PolicySetting::configName).distinct().count());
    }

    @Test
    void configNameIsTheValueNameInCamelCase() {
        for (PolicySetting setting : PolicySetting.values()) {
            String value = setting.valueName();
            assertEquals(Character.toLowerCase(value.charAt(0)) + value.substring(1), setting.configName());
        }
    }

    @Test
    void numericDefaultsLieWithinTheirRange() {
        for (PolicySetting setting : PolicySetting.values()) {
            if (setting.registryType() == PolicySetting.RegistryType.REG_DWORD) {
                assertTrue(setting.accepts(Long.parseLong(setting.defaultValue())), setting.name());
            }
        }
    }

    @Test
    void switchesAcceptOnlyZeroAndOne() {
        for (PolicySetting setting : PolicySetting.values()) {
            if (setting.kind() == PolicySetting.Kind.SWITCH) {
                assertEquals(List.of(0L, 1L), List.of(setting.min(), setting.max()), setting.name());
            }
        }
    }

    @Test
    void rangeIsInclusiveAtBothEnds() {
        PolicySetting poll = PolicySetting.POLL_INTERVAL_SECONDS;
        assertTrue(poll.accepts(30));
        assertTrue(poll.accepts(86400));
        assertFalse(poll.accepts(29));
        assertFalse(poll.accepts(86401));
    }

    @Test
    void textSettingsHaveNoRange() {
        IllegalStateException e = assertThrows(IllegalStateException.class, PolicySetting.COLLECTOR_URL::min);
        assertEquals("CollectorUrl is a text setting and has no numeric range", e.getMessage());
    }

    @Test
    void actionListDefaultsNameKnownHealActions() {
        for (PolicySetting setting : List.of(PolicySetting.AUTO_HEAL_ACTIONS, PolicySetting.ALLOWED_REMOTE_ACTIONS)) {
            Set<String> ids = Arrays.stream(setting.defaultValue().split(",")).filter(id -> !id.isEmpty())
                    .collect(Collectors.toSet());
            assertTrue(HEAL_ACTION_IDS.containsAll(ids), setting.name() + " default " + ids);
        }
    }

    @Test
    void restartingOutlookIsNeverAllowedRemotelyByDefault() {
        assertFalse(PolicySetting.ALLOWED_REMOTE_ACTIONS.defaultValue().contains("restart-outlook"));
    }
}
