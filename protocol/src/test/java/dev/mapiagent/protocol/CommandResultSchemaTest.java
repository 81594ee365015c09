package dev.mapiagent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandResultSchemaTest {

    private static JsonNode json(Object value) {
        return ProtocolJson.mapper().valueToTree(value);
    }

    @Test
    void aResultWithBeforeAndAfterReportsIsValid() {
        CommandResult result = new CommandResult(CommandStatus.SUCCEEDED, 0, "healed",
                ReportSchemaTest.sampleReport(), ReportSchemaTest.sampleReport());
        assertEquals(List.of(), ProtocolSchema.COMMAND_RESULT.validate(json(result)));
    }

    @Test
    void statusIsWrittenInLowerCase() {
        JsonNode doc = json(new CommandResult(CommandStatus.REFUSED, 2, null, null, null));
        assertEquals("refused", doc.path("status").asText());
    }

    @Test
    void anAgentCannotReportAStatusOnlyTheCollectorSets() {
        ObjectNode doc = (ObjectNode) json(new CommandResult(CommandStatus.FAILED, 1, "x", null, null));
        doc.put("status", "cancelled");
        assertFalse(ProtocolSchema.COMMAND_RESULT.validate(doc).isEmpty());
    }

    @Test
    void aCommandReadsBackWithItsActionIds() throws Exception {
        Command command = new Command("c-1", "dev-1", List.of(HealAction.ENABLE_MAPIHTTP, HealAction.RESTART_OUTLOOK),
                CommandStatus.QUEUED, "helen", Instant.parse("2026-11-25T08:00:00Z"),
                Instant.parse("2026-11-25T09:00:00Z"), null, null, null, null);
        String text = ProtocolJson.mapper().writeValueAsString(command);
        assertEquals(command, ProtocolJson.mapper().readValue(text, Command.class));
        assertEquals("enable-mapihttp", json(command).path("actions").path(0).asText());
    }
}
