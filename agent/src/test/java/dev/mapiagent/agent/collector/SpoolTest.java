package dev.mapiagent.agent.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    @Test
    void anItemTheCollectorKeepsFailingOnIsSetAsideAndTheRestFlows() {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("poison"));
        spool.add(report("r2"));
        List<String> sent = new ArrayList<>();
        Spool.Sender collector = item -> {
            String id = item.body().path("reportId").asText();
            if (id.equals("poison")) {
                throw new CollectorException(CollectorException.Kind.ITEM_FAILED, "HTTP 500");
            }
            sent.add(id);
            return Delivery.ACCEPTED;
        };

        for (int attempt = 1; attempt < Spool.ITEM_FAILURES_BEFORE_SET_ASIDE; attempt++) {
            assertEquals("HTTP 500", spool.drain(collector).stoppedBy(), "attempt " + attempt + " keeps the order");
        }
        Spool.DrainResult last = spool.drain(collector);

        assertTrue(last.complete());
        assertEquals(List.of("r2"), sent);
        assertEquals(1, last.setAside().size());
        assertTrue(last.setAside().get(0).startsWith("report poison set aside"), last.setAside().get(0));
        assertEquals(0, spool.size());
        assertEquals(1, setAside().size());
    }

    @Test
    void failuresOnAnItemAreCountedAcrossRestarts() {
        new Spool(temp, 10, 1_000_000).add(report("poison"));
        Spool.Sender failing = item -> {
            throw new CollectorException(CollectorException.Kind.ITEM_FAILED, "HTTP 500");
        };

        for (int run = 1; run < Spool.ITEM_FAILURES_BEFORE_SET_ASIDE; run++) {
            new Spool(temp, 10, 1_000_000).drain(failing);
        }
        Spool.DrainResult last = new Spool(temp, 10, 1_000_000).drain(failing);

        assertEquals(1, last.setAside().size());
    }

    @Test
    void anItemThatGetsThroughStartsTheCountAgain() {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("r1"));
        spool.add(report("r2"));
        int[] failures = {0};
        Spool.Sender flaky = item -> {
            if (failures[0]++ % 2 == 0) {
                throw new CollectorException(CollectorException.Kind.ITEM_FAILED, "HTTP 500");
            }
            return Delivery.ACCEPTED;
        };

        for (int i = 0; i < 2 * Spool.ITEM_FAILURES_BEFORE_SET_ASIDE; i++) {
            spool.drain(flaky);
        }

        assertEquals(List.of(), setAside());
        assertEquals(0, spool.size());
    }

    @Test
    void anUnavailableOrMisconfiguredCollectorNeverSetsAnItemAside() {
        Spool spool = new Spool(temp, 10, 1_000_000);
        spool.add(report("r1"));

        for (CollectorException.Kind kind : List.of(CollectorException.Kind.UNAVAILABLE, CollectorException.Kind.MISCONFIGURED)) {
            for (int i = 0; i < 3 * Spool.ITEM_FAILURES_BEFORE_SET_ASIDE; i++) {
                Spool.DrainResult result = spool.drain(item -> {
                    throw new CollectorException(kind, "HTTP 503 or 404");
                });
                assertEquals(kind, result.stopKind());
            }
        }

        assertEquals(List.of("r1"), ids(spool));
        assertEquals(List.of(), setAside());
    }

    @Test
    void theSetAsideFolderKeepsOnlyTheNewest() {
        Spool spool = new Spool(temp, 100, 10_000_000);
        for (int i = 1; i <= Spool.SET_ASIDE_MAX + 3; i++) {
            spool.add(report("poison" + i));
        }
        Spool.Sender failing = item -> {
            throw new CollectorException(CollectorException.Kind.ITEM_FAILED, "HTTP 500");
        };

        while (spool.size() > 0) {
            spool.drain(failing);
        }

        assertEquals(Spool.SET_ASIDE_MAX, setAside().size());
        assertEquals(3, spool.dropped());
    }

    @Test
    void commandResultsAreNeverPushedOutByReports() {
        Spool spool = new Spool(temp, 3, 1_000_000);
        spool.add(SpoolItem.result("c1", JSON.createObjectNode().put("status", "succeeded")));
        for (int i = 1; i <= 5; i++) {
            spool.add(report("r" + i));
        }

        List<String> kept = spool.peekAll().stream()
                .map(i -> i.kind() == SpoolItem.Kind.RESULT ? i.commandId() : i.body().path("reportId").asText()).toList();
        assertEquals(List.of("c1", "r4", "r5"), kept);
        assertEquals(3, spool.dropped());
    }

    private static SpoolItem report(String id) {
        return SpoolItem.report(JSON.createObjectNode().put("reportId", id));
    }

    private List<String> setAside() {
        Path folder = temp.resolve(Spool.SET_ASIDE_FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(Spool spool) {
        return spool.peekAll().stream().map(SpoolItem::body).map(b -> b.path("reportId")).map(JsonNode::asText).toList();
    }
}
