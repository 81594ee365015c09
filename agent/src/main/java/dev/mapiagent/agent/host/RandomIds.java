package dev.mapiagent.agent.host;

import dev.mapiagent.protocol.ReportIds;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

/**
 * Report ids ({@link ReportIds}: version 7 UUIDs, the creation time then random bits), unique across the fleet (the
 * collector deduplicates reports by theirs), their random bits drawn from the operating system's cryptographic
 * random source directly. {@link UUID#randomUUID()} draws from the same source through {@code SecureRandom}, whose
 * first use loads the security providers (about 100 classes, half a MiB of a start), so it is only the fallback
 * where the OS source cannot be read.
 */
public final class RandomIds {

    /** The operating system's cryptographic random source; fills the whole array or answers false. */
    @FunctionalInterface
    public interface Source {
        boolean fill(byte[] bytes);
    }

    private final Source source;

    public RandomIds(Source source) {
        this.source = source;
    }

    /** The id of a report created at {@code createdAt}. */
    public UUID next(Instant createdAt) {
        byte[] bytes = new byte[16];
        return ReportIds.version7(createdAt.toEpochMilli(), source.fill(bytes) ? bytes : secureRandomBytes());
    }

    private static byte[] secureRandomBytes() {
        UUID random = UUID.randomUUID();
        return ByteBuffer.allocate(16).putLong(random.getMostSignificantBits())
                .putLong(random.getLeastSignificantBits()).array();
    }
}
