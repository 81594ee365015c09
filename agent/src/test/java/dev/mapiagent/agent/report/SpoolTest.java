package dev.mapiagent.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void itemsAreSentInTheOrderTheyWereSpooled() {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("r1"));
        spool.add(SpoolItem.result("c1", JSON.createObjectNode().put("status", "succeeded")));
        spool.add(report("r2"));
        List<String> sent = new ArrayList<>();

        Spool.DrainResult result = spool.drain(item -> {
            sent.add(item.kind() == SpoolItem.Kind.REPORT ? item.body().path("reportId").asText() : item.commandId());
            return Delivery.ACCEPTED;
        });

        assertEquals(List.of("r1", "c1", "r2"), sent);
        assertEquals(3, result.delivered());
        assertEquals(0, spool.size());
    }

    @Test
    void aRetryableFailureKeepsTheItemAndEverythingAfterIt() {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("r1"));
        spool.add(report("r2"));
        spool.add(report("r3"));
        List<String> sent = new ArrayList<>();

        Spool.DrainResult result = spool.drain(item -> {
            String id = item.body().path("reportId").asText();
            if (id.equals("r2")) {
                throw new CollectorException("collector unreachable");
            }
            sent.add(id);
            return Delivery.ACCEPTED;
        });

        assertEquals(List.of("r1"), sent);
        assertEquals("collector unreachable", result.stoppedBy());
        assertEquals(List.of("r2", "r3"), ids(spool));
    }

    @Test
    void anItemIsSentOnceAcrossDrains() {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("r1"));
        spool.drain(item -> Delivery.DUPLICATE);
        List<String> second = new ArrayList<>();

        spool.drain(item -> {
            second.add(item.body().path("reportId").asText());
            return Delivery.ACCEPTED;
        });

        assertEquals(List.of(), second);
    }

    @Test
    void aRejectedItemIsDroppedAndNamed() {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("bad"));

        Spool.DrainResult result = spool.drain(item -> Delivery.REJECTED);

        assertEquals(List.of("report bad rejected by the collector"), result.rejected());
        assertEquals(0, spool.size());
    }

    @Test
    void beyondTheCountBoundTheOldestAreDroppedAndCounted() {
        Spool spool = new Spool(temp, 3, 1_000_000);
        for (int i = 1; i <= 5; i++) {
            spool.add(report("r" + i));
        }

        assertEquals(List.of("r3", "r4", "r5"), ids(spool));
        assertEquals(2, spool.dropped());
    }

    @Test
    void beyondTheByteBoundTheOldestAreDroppedButTheNewestKept() {
        Spool spool = new Spool(temp, 100, 400); // each item is about 170 bytes
        String padding = "x".repeat(120);
        for (int i = 1; i <= 4; i++) {
            spool.add(SpoolItem.report(JSON.createObjectNode().put("reportId", "r" + i).put("pad", padding)));
        }

        assertEquals(List.of("r3", "r4"), ids(spool));
        assertEquals(2, spool.dropped());
    }

    @Test
    void aHalfWrittenTemporaryFileIsIgnored() throws IOException {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("r1"));
        Files.writeString(temp.resolve(".00000000000000000002.json.123.tmp"), "{\"kind\":\"REPORT\",\"bo");

        assertEquals(List.of("r1"), ids(spool));
        spool.add(report("r2"));
        assertEquals(List.of("r1", "r2"), ids(spool));
    }

    @Test
    void anUnreadableItemIsDroppedWithoutStoppingTheRest() throws IOException {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("r1"));
        Files.writeString(temp.resolve("00000000000000000002.json"), "not json");
        spool.add(report("r3"));
        List<String> sent = new ArrayList<>();

        Spool.DrainResult result = spool.drain(item -> {
            sent.add(item.body().path("reportId").asText());
            return Delivery.ACCEPTED;
        });

        assertEquals(List.of("r1", "r3"), sent);
        assertEquals(1, result.rejected().size());
        assertEquals(1, spool.dropped());
    }

    @Test
    void itemsSurviveANewSpoolOnTheSameFolder() {
        new Spool(temp, 10, 1_000_000).add(report("r1"));

        assertEquals(List.of("r1"), ids(new Spool(temp, 10, 1_000_000)));
    }

    private static SpoolItem report(String id) {
        return SpoolItem.report(JSON.createObjectNode().put("reportId", id));
    }

    private static List<String> ids(Spool spool) {
        return spool.peekAll().stream().map(SpoolItem::body).map(b -> b.path("reportId")).map(JsonNode::asText).toList();
    }
}
