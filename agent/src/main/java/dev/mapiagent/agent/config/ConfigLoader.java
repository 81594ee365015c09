package dev.mapiagent.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiagent.agent.host.BadInputException;
import dev.mapiagent.agent.host.BoundedFiles;
import dev.mapiagent.agent.host.Hive;
import dev.mapiagent.agent.host.Registry;
import dev.mapiagent.agent.host.RegistryValue;
import dev.mapiagent.protocol.HealAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the agent's settings, lowest first: built-in defaults ({@link PolicySetting#defaultValue()}),
 * the machine settings the MSI writes ({@code HKLM\SOFTWARE\MapiAgent}, CollectorUrl and EnrollSecret
 * only, an empty value counts as not set), the JSON config file, the user policy
 * ({@code HKCU\SOFTWARE\Policies\MapiAgent}, only settings of scope MACHINE_AND_USER), the machine policy
 * ({@code HKLM\SOFTWARE\Policies\MapiAgent}). A value of the wrong type or out of range is a
 * {@link BadInputException} naming where it was found: a silently ignored policy would be worse.
 */
public final class ConfigLoader {

    /** The config file is small; anything larger is not one. */
    static final long MAX_FILE_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PolicySetting> MACHINE_SETTINGS = EnumSet.of(PolicySetting.COLLECTOR_URL,
            PolicySetting.ENROLL_SECRET);

    private ConfigLoader() {
    }

    /**
     * @param registry         the host's registry (live, or the snapshot's registry.reg)
     * @param configFile       the JSON file, or empty to use none
     * @param multiSessionHost a PC where many users work at once, each starting an agent: there the agent does not
     *                         stay resident unless a setting says so ({@link PolicySetting#multiSessionDefault()})
     */
    public static AgentConfig load(Registry registry, Optional<Path> configFile, boolean multiSessionHost) {
        Map<PolicySetting, String> values = new EnumMap<>(PolicySetting.class);
        for (PolicySetting s : PolicySetting.values()) {
            values.put(s, multiSessionHost ? s.multiSessionDefault() : s.defaultValue());
        }
        for (PolicySetting s : MACHINE_SETTINGS) {
            registry.string(Hive.HKEY_LOCAL_MACHINE, PolicySetting.MACHINE_SETTINGS_KEY, s.valueName())
                    .filter(v -> !v.isBlank()).ifPresent(v -> values.put(s, v.strip()));
        }
        configFile.ifPresent(f -> values.putAll(readFile(f)));
        values.putAll(readPolicy(registry, Hive.HKEY_CURRENT_USER));
        values.putAll(readPolicy(registry, Hive.HKEY_LOCAL_MACHINE));
        return build(values);
    }

    private static AgentConfig build(Map<PolicySetting, String> v) {
        return new AgentConfig(
                v.get(PolicySetting.COLLECTOR_URL),
                v.get(PolicySetting.ENROLL_SECRET),
                v.get(PolicySetting.COLLECTOR_CA_CERTIFICATE),
                actions(v.get(PolicySetting.AUTO_HEAL_ACTIONS), PolicySetting.AUTO_HEAL_ACTIONS.valueName()),
                actions(v.get(PolicySetting.ALLOWED_REMOTE_ACTIONS), PolicySetting.ALLOWED_REMOTE_ACTIONS.valueName()),
                Duration.ofSeconds(Long.parseLong(v.get(PolicySetting.START_DELAY_MAX_SECONDS))),
                Duration.ofSeconds(Long.parseLong(v.get(PolicySetting.POLL_INTERVAL_SECONDS))),
                "1".equals(v.get(PolicySetting.STAY_RESIDENT)),
                "1".equals(v.get(PolicySetting.PROBE_ENDPOINTS)));
    }

    /** Comma-separated action ids; an empty list is none. {@code where} names the source in the error. */
    static Set<HealAction> actions(String text, String where) {
        Set<HealAction> actions = EnumSet.noneOf(HealAction.class);
        for (String id : text.split(",")) {
            if (!id.isBlank()) {
                actions.add(HealAction.byId(id.strip()).orElseThrow(() -> new BadInputException(where
                        + ": unknown heal action '" + id.strip() + "'")));
            }
        }
        return actions;
    }

    private static Map<PolicySetting, String> readPolicy(Registry registry, Hive hive) {
        Map<PolicySetting, String> values = new EnumMap<>(PolicySetting.class);
        for (PolicySetting s : PolicySetting.values()) {
            if (hive == Hive.HKEY_CURRENT_USER && s.scope() == PolicySetting.Scope.MACHINE) {
                continue;
            }
            Optional<RegistryValue> value = registry.value(hive, PolicySetting.POLICY_KEY, s.valueName());
            if (value.isPresent()) {
                String where = hive.display(PolicySetting.POLICY_KEY) + "\\" + s.valueName();
                values.put(s, fromRegistry(s, value.get(), where));
            }
        }
        return values;
    }

    private static String fromRegistry(PolicySetting s, RegistryValue value, String where) {
        if (s.kind() == PolicySetting.Kind.TEXT) {
            String text = value.asString();
            if (text == null) {
                throw new BadInputException(where + " must be a REG_SZ, not " + value.type());
            }
            return checkedText(s, text.strip(), where);
        }
        Long number = value.asLong();
        if (number == null) {
            throw new BadInputException(where + " must be a REG_DWORD, not " + value.type());
        }
        return checkedNumber(s, number, where);
    }

    private static Map<PolicySetting, String> readFile(Path file) {
        JsonNode root = parseFile(file);
        if (!root.isObject()) {
            throw new BadInputException(file + ": the config must be a JSON object");
        }
        Map<PolicySetting, String> values = new EnumMap<>(PolicySetting.class);
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().startsWith("$")) {
                continue; // "$schema" and comments-as-fields are allowed
            }
            Optional<PolicySetting> setting = byConfigName(field.getKey());
            if (setting.isEmpty()) {
                unknown.add(field.getKey());
                continue;
            }
            String where = file.getFileName() + ": " + field.getKey();
            values.put(setting.get(), fromJson(setting.get(), field.getValue(), where));
        }
        if (!unknown.isEmpty()) {
            throw new BadInputException(file + ": unknown setting(s) " + String.join(", ", unknown));
        }
        return values;
    }

    private static JsonNode parseFile(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new BadInputException("config file not found: " + file);
            }
            return JSON.readTree(new String(BoundedFiles.read(file, MAX_FILE_BYTES), StandardCharsets.UTF_8));
        } catch (BoundedFiles.RefusedFileException e) {
            throw new BadInputException("config file refused: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new BadInputException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    private static String fromJson(PolicySetting s, JsonNode node, String where) {
        boolean actionList = s == PolicySetting.AUTO_HEAL_ACTIONS || s == PolicySetting.ALLOWED_REMOTE_ACTIONS;
        if (actionList) {
            if (!node.isArray()) {
                throw new BadInputException(where + " must be an array of heal action ids");
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode id : node) {
                if (!id.isTextual()) {
                    throw new BadInputException(where + " must be an array of heal action ids");
                }
                ids.add(id.asText());
            }
            return checkedText(s, String.join(",", ids), where);
        }
        return switch (s.kind()) {
            case TEXT -> {
                if (!node.isTextual()) {
                    throw new BadInputException(where + " must be a string");
                }
                yield checkedText(s, node.asText().strip(), where);
            }
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new BadInputException(where + " must be a whole number");
                }
                yield checkedNumber(s, node.asLong(), where);
            }
            case SWITCH -> {
                if (!node.isBoolean()) {
                    throw new BadInputException(where + " must be true or false");
                }
                yield node.asBoolean() ? "1" : "0";
            }
        };
    }

    private static String checkedText(PolicySetting s, String text, String where) {
        if (s == PolicySetting.AUTO_HEAL_ACTIONS || s == PolicySetting.ALLOWED_REMOTE_ACTIONS) {
            actions(text, where);
        }
        return text;
    }

    private static String checkedNumber(PolicySetting s, long number, String where) {
        if (!s.accepts(number)) {
            throw new BadInputException(where + " must be between " + s.min() + " and " + s.max() + ", not " + number);
        }
        return Long.toString(number);
    }

    private static Optional<PolicySetting> byConfigName(String name) {
        for (PolicySetting s : PolicySetting.values()) {
            if (s.configName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
