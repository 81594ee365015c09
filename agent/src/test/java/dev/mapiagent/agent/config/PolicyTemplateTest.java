package dev.mapiagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.config.PolicyTemplate.Policy;
import dev.mapiagent.agent.config.PolicyTemplate.PolicyElement;
import dev.mapiagent.agent.config.PolicyTemplate.PresentationControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Group Policy template (config/policy) and {@link PolicySetting} describe the same settings:
 * every policy is read by the agent, every setting the agent reads has a policy, and every text
 * the template shows is defined.
 */
class PolicyTemplateTest {

    private static final Path POLICY_DIR = Path.of("..", "config", "policy");
    private static PolicyTemplate template;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = PolicyTemplate.read(POLICY_DIR.resolve("MapiAgent.admx"),
                POLICY_DIR.resolve("en-US").resolve("MapiAgent.adml"));
    }

    @Test
    void everySettingTheAgentReadsHasAPolicy() {
        Set<String> inTemplate = template.policies().stream().map(PolicyTemplateTest::valueNameOf)
                .collect(Collectors.toSet());
        List<String> missing = Arrays.stream(PolicySetting.values()).map(PolicySetting::valueName)
                .filter(name -> !inTemplate.contains(name)).toList();
        assertEquals(List.of(), missing, "settings the agent reads that no policy in MapiAgent.admx sets");
    }

    @Test
    void everyPolicyValueIsASettingTheAgentReads() {
        List<String> unknown = new ArrayList<>();
        for (Policy policy : template.policies()) {
            List<String> valueNames = new ArrayList<>(policy.elements().stream().map(PolicyElement::valueName).toList());
            if (!policy.valueName().isEmpty()) {
                valueNames.add(policy.valueName());
            }
            valueNames.stream().filter(name -> setting(name).isEmpty())
                    .forEach(name -> unknown.add(policy.name() + "/" + name));
        }
        assertEquals(List.of(), unknown, "policy values that PolicySetting does not list (the agent would ignore them)");
    }

    @Test
    void eachPolicySetsExactlyOneValue() {
        for (Policy policy : template.policies()) {
            int values = policy.elements().size() + (policy.valueName().isEmpty() ? 0 : 1);
            assertEquals(1, values, policy.name() + " must write exactly one registry value");
        }
    }

    @Test
    void everyPolicyWritesUnderThePolicyKey() {
        for (Policy policy : template.policies()) {
            assertEquals(PolicySetting.POLICY_KEY.toLowerCase(Locale.ROOT), policy.key().toLowerCase(Locale.ROOT),
                    policy.name());
        }
    }

    @Test
    void textSettingsAreTextElements() {
        for (PolicySetting setting : settingsOf(PolicySetting.Kind.TEXT)) {
            PolicyElement element = onlyElement(policyFor(setting));
            assertEquals("text", element.tag(), setting.valueName());
            assertTrue(!"true".equals(element.attributes().get("expandable")),
                    setting.valueName() + " is REG_SZ, an expandable text would write REG_EXPAND_SZ");
        }
    }

    @Test
    void numberSettingsAreDecimalElementsWithTheSettingRange() {
        for (PolicySetting setting : settingsOf(PolicySetting.Kind.NUMBER)) {
            PolicyElement element = onlyElement(policyFor(setting));
            assertEquals("decimal", element.tag(), setting.valueName());
            assertEquals(Long.toString(setting.min()), element.attributes().get("minValue"), setting.valueName());
            assertEquals(Long.toString(setting.max()), element.attributes().get("maxValue"), setting.valueName());
            assertTrue(!"true".equals(element.attributes().get("storeAsText")),
                    setting.valueName() + " is REG_DWORD, storeAsText would write REG_SZ");
        }
    }

    @Test
    void switchSettingsWriteOneWhenEnabledAndZeroWhenDisabled() {
        for (PolicySetting setting : settingsOf(PolicySetting.Kind.SWITCH)) {
            Policy policy = policyFor(setting);
            assertEquals(List.of(), policy.elements(), setting.valueName() + " is the policy's own switch");
            assertEquals(Optional.of("1"), policy.enabledValue(), setting.valueName());
            assertEquals(Optional.of("0"), policy.disabledValue(), setting.valueName());
        }
    }

    @Test
    void policyClassFollowsTheSettingScope() {
        for (PolicySetting setting : PolicySetting.values()) {
            String expected = setting.scope() == PolicySetting.Scope.MACHINE ? "Machine" : "Both";
            assertEquals(expected, policyFor(setting).policyClass(), setting.valueName());
        }
    }

    @Test
    void everyReferencedStringIsDefined() {
        Set<String> missing = new TreeSet<>(template.referencedStringIds());
        missing.removeAll(template.strings().keySet());
        assertEquals(Set.of(), missing, "$(string.X) used in MapiAgent.admx but not defined in MapiAgent.adml");
    }

    @Test
    void everyStringIsNonBlank() {
        template.strings().forEach((id, text) -> assertTrue(!text.isBlank(), "string " + id + " is blank"));
    }

    @Test
    void everyReferencedPresentationIsDefinedWithTheElementIds() {
        for (Policy policy : template.policies()) {
            Set<String> elementIds = policy.elements().stream().map(PolicyElement::id).collect(Collectors.toSet());
            if (policy.presentation().isEmpty()) {
                assertEquals(Set.of(), elementIds, policy.name() + " has elements but no presentation");
                continue;
            }
            String id = PolicyTemplate.referencedId(policy.presentation());
            List<PresentationControl> controls = template.presentations().get(id);
            assertTrue(controls != null, "presentation " + id + " of " + policy.name() + " is not in the ADML");
            Set<String> refIds = controls.stream().map(PresentationControl::refId).collect(Collectors.toSet());
            assertEquals(elementIds, refIds, "refIds of presentation " + id);
        }
        Set<String> undefined = new TreeSet<>(template.referencedPresentationIds());
        undefined.removeAll(template.presentations().keySet());
        assertEquals(Set.of(), undefined, "$(presentation.X) without a presentation in the ADML");
    }

    @Test
    void presentationControlsMatchTheElementKind() {
        for (PolicySetting setting : PolicySetting.values()) {
            Policy policy = policyFor(setting);
            if (setting.kind() == PolicySetting.Kind.SWITCH) {
                continue;
            }
            PresentationControl control = onlyControl(policy);
            String expected = setting.kind() == PolicySetting.Kind.NUMBER ? "decimalTextBox" : "textBox";
            assertEquals(expected, control.tag(), setting.valueName());
        }
    }

    @Test
    void presentationsProposeTheAgentDefault() {
        for (PolicySetting setting : PolicySetting.values()) {
            if (setting.kind() == PolicySetting.Kind.SWITCH) {
                continue;
            }
            Optional<String> proposed = onlyControl(policyFor(setting)).defaultValue();
            Optional<String> expected = setting.defaultValue().isEmpty() ? Optional.empty()
                    : Optional.of(setting.defaultValue());
            assertEquals(expected, proposed, "default shown for " + setting.valueName());
        }
    }

    @Test
    void helpTextStatesTheDefault() {
        for (PolicySetting setting : PolicySetting.values()) {
            String help = template.strings().get(PolicyTemplate.referencedId(policyFor(setting).explainText()));
            assertTrue(help != null, "no help text for " + setting.valueName());
            String expected = switch (setting.kind()) {
                case NUMBER -> "Default when not configured: " + setting.defaultValue() + ".";
                case SWITCH -> "Default when not configured: "
                        + ("1".equals(setting.defaultValue()) ? "enabled" : "disabled") + ".";
                case TEXT -> "Default when not configured: "
                        + (setting.defaultValue().isEmpty() ? "" : setting.defaultValue() + ".");
            };
            assertTrue(help.contains(expected), setting.valueName() + " help must say: " + expected);
        }
    }

    @Test
    void everyPolicyIsInADefinedCategory() {
        Set<String> categories = new HashSet<>(template.categories());
        for (Policy policy : template.policies()) {
            assertTrue(categories.contains(policy.parentCategory()),
                    policy.name() + " is in undefined category '" + policy.parentCategory() + "'");
        }
    }

    @Test
    void templateParserRefusesADoctype(@TempDir Path dir) throws IOException {
        Path hostile = dir.resolve("hostile.admx");
        Files.writeString(hostile, """
                <?xml version="1.0"?>
                <!DOCTYPE policyDefinitions [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
                <policyDefinitions>&xxe;</policyDefinitions>
                """);
        assertThrows(IOException.class, () -> PolicyTemplate.parse(hostile));
    }

    private static String valueNameOf(Policy policy) {
        return policy.valueName().isEmpty() ? onlyElement(policy).valueName() : policy.valueName();
    }

    private static Optional<PolicySetting> setting(String valueName) {
        return Arrays.stream(PolicySetting.values()).filter(s -> s.valueName().equals(valueName)).findFirst();
    }

    private static List<PolicySetting> settingsOf(PolicySetting.Kind kind) {
        return Arrays.stream(PolicySetting.values()).filter(s -> s.kind() == kind).toList();
    }

    private static Policy policyFor(PolicySetting setting) {
        List<Policy> matches = template.policies().stream()
                .filter(policy -> valueNameOf(policy).equals(setting.valueName())).toList();
        assertEquals(1, matches.size(), "policies setting " + setting.valueName());
        return matches.get(0);
    }

    private static PolicyElement onlyElement(Policy policy) {
        assertEquals(1, policy.elements().size(), "elements of " + policy.name());
        return policy.elements().get(0);
    }

    private static PresentationControl onlyControl(Policy policy) {
        List<PresentationControl> controls =
                template.presentations().get(PolicyTemplate.referencedId(policy.presentation()));
        assertTrue(controls != null && controls.size() == 1, "one control expected for " + policy.name());
        return controls.get(0);
    }
}
