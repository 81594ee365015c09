package dev.mapiagent.protocol;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The form of a report's id: a UUID of version 7 (RFC 9562, section 5.7), its first 48 bits the report's creation
 * time in Unix milliseconds and 74 of the rest random. Ids made at about the same time sort next to each other, so
 * the collector's unique index on {@code reportId} takes each new report near its end instead of on a random page
 * of a large index (at 50,000 devices the embedded database wrote 167 KiB of that index per 64 stored reports with
 * random ids, 8 KiB with these: docs/benchmarks.md, "Sixth pass"). 74 random bits keep ids made in the same
 * millisecond across the fleet distinct, which the collector's deduplication by {@code reportId} relies on.
 */
public final class ReportIds {

    private ReportIds() {
    }

    /** The id of a report created at {@code unixMillis}, its random bits taken from the last ten of 16 random bytes. */
    public static UUID version7(long unixMillis, byte[] random) {
        if (random.length != 16) {
            throw new IllegalArgumentException("a version 7 UUID needs 16 random bytes, got " + random.length);
        }
        ByteBuffer bits = ByteBuffer.wrap(random);
        long timeAndRandomA = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (bits.getLong(0) & 0x0FFFL);
        long variantAndRandomB = bits.getLong(8) & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(timeAndRandomA, variantAndRandomB);
    }
}
