package dev.mapiagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.BadInputException;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.agent.host.snapshot.SnapshotHost;
import dev.mapiagent.agent.host.snapshot.regfile.MemoryRegistry;
import dev.mapiagent.protocol.HealAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String POLICY = PolicySetting.POLICY_KEY;

    @TempDir
    Path temp;

    private final MemoryRegistry registry = new MemoryRegistry();

    @Test
    void withNothingConfiguredEverySettingHasItsDefault() {
        AgentConfig config = ConfigLoader.load(registry, Optional.empty(), false);

        assertEquals("", config.collectorUrl());
        assertEquals(Set.of(), config.autoHealActions());
        assertEquals(Set.of(HealAction.ENABLE_MAPIHTTP, HealAction.CLEAR_OFFICE_CREDENTIALS,
                HealAction.RESET_AUTODISCOVER_CACHE), config.allowedRemoteActions());
        assertEquals(Duration.ofSeconds(120), config.startDelayMax());
        assertEquals(Duration.ofSeconds(300), config.pollInterval());
        assertTrue(config.stayResident());
        assertFalse(config.probeEndpoints());
    }

    @Test
    void onAMultiSessionHostTheAgentDoesNotStayResidentByDefault() {
        AgentConfig config = ConfigLoader.load(registry, Optional.empty(), true);

        assertFalse(config.stayResident());
        assertEquals(Duration.ofSeconds(300), config.pollInterval());
    }

    @Test
    void onAMultiSessionHostTheStayResidentPolicyKeepsTheAgentResident() {
        registry.put(Hive.HKEY_LOCAL_MACHINE, POLICY, RegistryValue.dword("StayResident", 1));

        assertTrue(ConfigLoader.load(registry, Optional.empty(), true).stayResident());
    }

    @Test
    void onAMultiSessionHostTheConfigFileCanKeepTheAgentResident() throws IOException {
        Path file = json("{\"stayResident\": true}");

        assertTrue(ConfigLoader.load(registry, Optional.of(file), true).stayResident());
    }

    @Test
    void theShippedConfigFileHoldsExactlyTheDefaults() {
        AgentConfig shipped = ConfigLoader.load(registry, Optional.of(Path.of("..", "config", "agent.json")), false);

        assertEquals(ConfigLoader.load(registry, Optional.empty(), false), shipped);
    }

    @Test
    void configFileOverridesDefaults() throws IOException {
        Path file = json("""
                {"collectorUrl": "https://collector.contoso.com", "pollIntervalSeconds": 60, "stayResident": false,
                 "autoHealActions": ["enable-mapihttp"]}
                """);

        AgentConfig config = ConfigLoader.load(registry, Optional.of(file), false);

        assertEquals("https://collector.contoso.com", config.collectorUrl());
        assertEquals(Duration.ofSeconds(60), config.pollInterval());
        assertFalse(config.stayResident());
        assertEquals(Set.of(HealAction.ENABLE_MAPIHTTP), config.autoHealActions());
        assertEquals(Duration.ofSeconds(120), config.startDelayMax());
    }

    @Test
    void msiMachineSettingsSitBelowTheConfigFileAndEmptyMeansUnset() throws IOException {
        registry.put(Hive.HKEY_LOCAL_MACHINE, PolicySetting.MACHINE_SETTINGS_KEY,
                RegistryValue.string("CollectorUrl", "https://from-msi.contoso.com"));
        registry.put(Hive.HKEY_LOCAL_MACHINE, PolicySetting.MACHINE_SETTINGS_KEY, RegistryValue.string("EnrollSecret", ""));

        AgentConfig fromMsi = ConfigLoader.load(registry, Optional.empty(), false);
        AgentConfig withFile = ConfigLoader.load(registry, Optional.of(json("{\"collectorUrl\": \"https://file.contoso.com\"}")), false);

        assertEquals("https://from-msi.contoso.com", fromMsi.collectorUrl());
        assertEquals("", fromMsi.enrollSecret());
        assertEquals("https://file.contoso.com", withFile.collectorUrl());
    }

    @Test
    void userPolicyOverridesTheConfigFileAndMachinePolicyOverridesBoth() throws IOException {
        Path file = json("{\"pollIntervalSeconds\": 60, \"startDelayMaxSeconds\": 10}");
        registry.put(Hive.HKEY_CURRENT_USER, POLICY, RegistryValue.dword("PollIntervalSeconds", 600));
        registry.put(Hive.HKEY_CURRENT_USER, POLICY, RegistryValue.dword("StartDelayMaxSeconds", 20));
        registry.put(Hive.HKEY_LOCAL_MACHINE, POLICY, RegistryValue.dword("PollIntervalSeconds", 900));

        AgentConfig config = ConfigLoader.load(registry, Optional.of(file), false);

        assertEquals(Duration.ofSeconds(900), config.pollInterval());
        assertEquals(Duration.ofSeconds(20), config.startDelayMax());
    }

    @Test
    void machineOnlySettingsAreNotTakenFromTheUserPolicy() {
        registry.put(Hive.HKEY_CURRENT_USER, POLICY, RegistryValue.string("AllowedRemoteActions", "restart-outlook"));
        registry.put(Hive.HKEY_CURRENT_USER, POLICY, RegistryValue.string("CollectorUrl", "https://user.example"));

        AgentConfig config = ConfigLoader.load(registry, Optional.empty(), false);

        assertFalse(config.allowedRemoteActions().contains(HealAction.RESTART_OUTLOOK));
        assertEquals("", config.collectorUrl());
    }

    @Test
    void anEmptyPolicyListForbidsEveryRemoteAction() {
        registry.put(Hive.HKEY_LOCAL_MACHINE, POLICY, RegistryValue.string("AllowedRemoteActions", ""));

        assertEquals(Set.of(), ConfigLoader.load(registry, Optional.empty(), false).allowedRemoteActions());
    }

    @Test
    void snapshotRegistryPoliciesOverrideTheFile() throws IOException {
        Path snapshot = Files.createDirectories(temp.resolve("pc"));
        Files.writeString(snapshot.resolve("registry.reg"), """
                Windows Registry Editor Version 5.00

                [HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\MapiAgent]
                "AllowedRemoteActions"="enable-mapihttp"
                "ProbeEndpoints"=dword:00000001

                [HKEY_CURRENT_USER\\SOFTWARE\\Policies\\MapiAgent]
                "StayResident"=dword:00000000
                """, StandardCharsets.UTF_8);
        Path file = json("{\"allowedRemoteActions\": [\"restart-outlook\"], \"stayResident\": true, \"probeEndpoints\": false}");

        AgentConfig config = ConfigLoader.load(SnapshotHost.open(snapshot).registry(), Optional.of(file), false);

        assertEquals(Set.of(HealAction.ENABLE_MAPIHTTP), config.allowedRemoteActions());
        assertTrue(config.probeEndpoints());
        assertFalse(config.stayResident());
    }

    @Test
    void outOfRangePolicyIsAnErrorNamingTheValue() {
        registry.put(Hive.HKEY_LOCAL_MACHINE, POLICY, RegistryValue.dword("PollIntervalSeconds", 5));

        BadInputException e = assertThrows(BadInputException.class, () -> ConfigLoader.load(registry, Optional.empty(), false));

        assertEquals("HKLM\\SOFTWARE\\Policies\\MapiAgent\\PollIntervalSeconds must be between 30 and 86400, not 5",
                e.getMessage());
    }

    @Test
    void policyOfTheWrongTypeIsAnError() {
        registry.put(Hive.HKEY_LOCAL_MACHINE, POLICY, RegistryValue.string("StayResident", "yes"));

        BadInputException e = assertThrows(BadInputException.class, () -> ConfigLoader.load(registry, Optional.empty(), false));

        assertEquals("HKLM\\SOFTWARE\\Policies\\MapiAgent\\StayResident must be a REG_DWORD, not REG_SZ", e.getMessage());
    }

    @Test
    void unknownActionInTheFileIsAnError() throws IOException {
        Path file = json("{\"autoHealActions\": [\"format-disk\"]}");

        BadInputException e = assertThrows(BadInputException.class, () -> ConfigLoader.load(registry, Optional.of(file), false));

        assertEquals("agent.json: autoHealActions: unknown heal action 'format-disk'", e.getMessage());
    }

    @Test
    void unknownSettingInTheFileIsAnError() throws IOException {
        Path file = json("{\"colectorUrl\": \"https://typo\"}");

        BadInputException e = assertThrows(BadInputException.class, () -> ConfigLoader.load(registry, Optional.of(file), false));

        assertTrue(e.getMessage().endsWith("unknown setting(s) colectorUrl"), e.getMessage());
    }

    @Test
    void wrongJsonTypeIsAnError() throws IOException {
        Path file = json("{\"pollIntervalSeconds\": \"300\"}");

        BadInputException e = assertThrows(BadInputException.class, () -> ConfigLoader.load(registry, Optional.of(file), false));

        assertEquals("agent.json: pollIntervalSeconds must be a whole number", e.getMessage());
    }

    @Test
    void malformedJsonIsAOneLineError() throws IOException {
        Path file = json("{\"collectorUrl\": ");

        BadInputException e = assertThrows(BadInputException.class, () -> ConfigLoader.load(registry, Optional.of(file), false));

        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void missingExplicitFileIsAnError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ConfigLoader.load(registry, Optional.of(temp.resolve("nope.json")), false));

        assertTrue(e.getMessage().startsWith("config file not found"), e.getMessage());
    }

    @Test
    void secretIsNotInTheTextOfTheConfig() throws IOException {
        AgentConfig config = ConfigLoader.load(registry, Optional.of(json("{\"enrollSecret\": \"s3cret-value\"}")), false);

        assertEquals("s3cret-value", config.enrollSecret());
        assertFalse(config.toString().contains("s3cret-value"));
    }

    private Path json(String text) throws IOException {
        return Files.writeString(temp.resolve("agent.json"), text, StandardCharsets.UTF_8);
    }
}
