package dev.mapiagent.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    private static final int MANY = 10_000;

    @Test
    void anIdIsTheSourcesSixteenBytesWithTheVersionAndVariantBitsSet() {
        RandomIds ids = new RandomIds(bytes -> {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            return true;
        });

        assertEquals("00010203-0405-4607-8809-0a0b0c0d0e0f", ids.next().toString());
    }

    @Test
    void theVersionAndVariantBitsAreSetWhateverTheSourceGave() {
        assertEquals("00000000-0000-4000-8000-000000000000", RandomIds.version4(new byte[16]).toString());
        byte[] ones = new byte[16];
        Arrays.fill(ones, (byte) 0xff);
        assertEquals("ffffffff-ffff-4fff-bfff-ffffffffffff", RandomIds.version4(ones).toString());
    }

    @Test
    void everyIdFromTheSystemSourceIsARandomUuidWithTheIetfVariant() {
        RandomIds ids = new RandomIds(DevUrandom.SYSTEM);
        for (int i = 0; i < MANY; i++) {
            UUID id = ids.next();
            assertEquals(4, id.version(), id::toString);
            assertEquals(2, id.variant(), id::toString);
        }
    }

    @Test
    void idsFromTheSystemSourceAreDistinct() {
        RandomIds ids = new RandomIds(DevUrandom.SYSTEM);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < MANY; i++) {
            seen.add(ids.next());
        }
        assertEquals(MANY, seen.size());
    }

    @Test
    void withoutTheOsSourceAnIdComesFromSecureRandom() {
        RandomIds ids = new RandomIds(bytes -> false);

        UUID first = ids.next();
        UUID second = ids.next();

        assertEquals(4, first.version());
        assertEquals(2, first.variant());
        assertNotEquals(RandomIds.version4(new byte[16]), first, "the unfilled array was used");
        assertNotEquals(first, second);
    }
}
