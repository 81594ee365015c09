package dev.mapiagent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportIdsTest {

    @Test
    void theRfcsExampleIdIsItsTimeFollowedByItsRandomBits() {
        // RFC 9562, appendix A.6: 2022-02-22T19:22:22Z, rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F
        byte[] random = HexFormat.of().parseHex("000000000000" + "0CC3" + "18C4DC0C0C07398F");

        UUID id = ReportIds.version7(Instant.parse("2022-02-22T19:22:22Z").toEpochMilli(), random);

        assertEquals("017f22e2-79b0-7cc3-98c4-dc0c0c07398f", id.toString());
    }

    @Test
    void theVersionAndVariantBitsAreSetWhateverTheRandomBytesWere() {
        byte[] ones = new byte[16];
        Arrays.fill(ones, (byte) 0xff);

        UUID id = ReportIds.version7(0, ones);

        assertEquals("00000000-0000-7fff-bfff-ffffffffffff", id.toString());
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void idsMadeLaterSortAfterEarlierOnesAsText() {
        byte[] high = new byte[16];
        Arrays.fill(high, (byte) 0xff);
        long earlier = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();

        String first = ReportIds.version7(earlier, high).toString();
        String second = ReportIds.version7(earlier + 1, new byte[16]).toString();

        assertTrue(first.compareTo(second) < 0, first + " sorts after " + second);
    }

    @Test
    void anIdIsRefusedWithoutSixteenRandomBytes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ReportIds.version7(0, new byte[8]));

        assertEquals("a version 7 UUID needs 16 random bytes, got 8", refused.getMessage());
    }
}
