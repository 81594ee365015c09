package dev.mapiagent.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    private static final int MANY = 10_000;
    private static final Instant CREATED = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void anIdIsTheCreationTimeThenTheSourcesLastTenBytesWithTheVersionAndVariantBitsSet() {
        RandomIds ids = new RandomIds(bytes -> {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            return true;
        });

        assertEquals("01a2309e-2400-7607-8809-0a0b0c0d0e0f", ids.next(CREATED).toString());
    }

    @Test
    void everyIdFromTheSystemSourceIsATimeOrderedUuidWithTheIetfVariant() {
        RandomIds ids = new RandomIds(DevUrandom.SYSTEM);
        for (int i = 0; i < MANY; i++) {
            UUID id = ids.next(CREATED);
            assertEquals(7, id.version(), id::toString);
            assertEquals(2, id.variant(), id::toString);
            assertTrue(id.toString().startsWith("01a2309e-2400-7"), id::toString);
        }
    }

    @Test
    void idsFromTheSystemSourceMadeInTheSameMillisecondAreDistinct() {
        RandomIds ids = new RandomIds(DevUrandom.SYSTEM);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < MANY; i++) {
            seen.add(ids.next(CREATED));
        }
        assertEquals(MANY, seen.size());
    }

    @Test
    void withoutTheOsSourceTheRandomBitsComeFromSecureRandom() {
        RandomIds ids = new RandomIds(bytes -> false);

        UUID first = ids.next(CREATED);
        UUID second = ids.next(CREATED);

        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        assertNotEquals("01a2309e-2400-7000-8000-000000000000", first.toString(), "the unfilled array was used");
        assertNotEquals(first, second);
    }
}
