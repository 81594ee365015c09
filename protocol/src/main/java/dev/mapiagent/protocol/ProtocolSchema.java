package dev.mapiagent.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schemas of the protocol, loaded from the classpath. Needs the optional
 * json-schema-validator dependency: the collector has it, the agent does not.
 */
public enum ProtocolSchema {
    REPORT("report.schema.json"),
    COMMAND_RESULT("command-result.schema.json");

    private final String resource;
    private volatile JsonSchema schema;

    ProtocolSchema(String resource) {
        this.resource = resource;
    }

    /** The resource name beside this class, for tools that want the raw schema. */
    public String resource() {
        return resource;
    }

    /** Every violation as one line ("$.findings[0].severity: does not have a value in the enumeration"); empty when valid. */
    public List<String> validate(JsonNode document) {
        return compiled().validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private JsonSchema compiled() {
        JsonSchema s = schema;
        if (s == null) {
            try (InputStream in = ProtocolSchema.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing: " + resource);
                }
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
                s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
                schema = s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }
}
