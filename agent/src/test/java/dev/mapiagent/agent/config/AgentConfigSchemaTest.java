package dev.mapiagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** config/agent.schema.json describes config/agent.json and every setting of PolicySetting, with the same ranges. */
class AgentConfigSchemaTest {

    private static final Path DIR = Path.of("..", "config");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedConfigFileMatchesTheSchema() throws IOException {
        assertEquals(List.of(), problems(JSON.readTree(DIR.resolve("agent.json").toFile())));
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejects() throws IOException {
        assertFalse(problems(JSON.readTree("{\"pollIntervalSeconds\": 5}")).isEmpty());
        assertFalse(problems(JSON.readTree("{\"autoHealActions\": [\"format-disk\"]}")).isEmpty());
        assertFalse(problems(JSON.readTree("{\"stayResident\": 1}")).isEmpty());
        assertFalse(problems(JSON.readTree("{\"colectorUrl\": \"x\"}")).isEmpty());
    }

    @Test
    void theSchemaHasEverySettingWithItsRange() throws IOException {
        JsonNode properties = JSON.readTree(DIR.resolve("agent.schema.json").toFile()).path("properties");
        Set<String> settings = new TreeSet<>();
        properties.fieldNames().forEachRemaining(n -> {
            if (!n.startsWith("$")) {
                settings.add(n);
            }
        });
        Set<String> expected = new TreeSet<>();
        for (PolicySetting s : PolicySetting.values()) {
            expected.add(s.configName());
            if (s.kind() == PolicySetting.Kind.NUMBER) {
                assertEquals(s.min(), properties.path(s.configName()).path("minimum").asLong(), s.configName());
                assertEquals(s.max(), properties.path(s.configName()).path("maximum").asLong(), s.configName());
            }
        }
        assertEquals(expected, settings);
    }

    private static List<String> problems(JsonNode document) throws IOException {
        try (var in = Files.newInputStream(DIR.resolve("agent.schema.json"))) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(document).stream().map(ValidationMessage::getMessage).toList();
        }
    }
}
