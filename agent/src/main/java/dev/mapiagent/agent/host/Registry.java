package dev.mapiagent.agent.host;

import java.util.List;
import java.util.Optional;

/**
 * The registry as the agent sees it: HKLM in the 64-bit view (32-bit Office is then found under
 * {@code SOFTWARE\Wow6432Node\...} explicitly, as regedit exports it), HKCU as is. Key and value
 * names are case-insensitive; key paths use backslashes and have no hive prefix. A key that exists but
 * that the user may not read gives an {@link UnreadableKeyException}, never "not set".
 */
public interface Registry {

    boolean keyExists(Hive hive, String keyPath);

    /** The value, or empty when the key or the value does not exist. The default value is named "". */
    Optional<RegistryValue> value(Hive hive, String keyPath, String valueName);

    /** Names of the direct subkeys, empty when the key does not exist; one deleted meanwhile is left out. */
    List<String> subKeys(Hive hive, String keyPath);

    /** All values of the key, empty when the key does not exist. */
    List<RegistryValue> values(Hive hive, String keyPath);

    /** Creates the key when missing and sets a REG_DWORD value; siblings are untouched. */
    void setDword(Hive hive, String keyPath, String valueName, long value);

    /** Deletes one value; does nothing when it is absent. */
    void deleteValue(Hive hive, String keyPath, String valueName);

    default Optional<String> string(Hive hive, String keyPath, String valueName) {
        return value(hive, keyPath, valueName).map(RegistryValue::asString);
    }

    default Optional<Long> number(Hive hive, String keyPath, String valueName) {
        return value(hive, keyPath, valueName).map(RegistryValue::asLong);
    }
}
