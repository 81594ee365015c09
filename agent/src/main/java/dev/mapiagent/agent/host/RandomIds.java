package dev.mapiagent.agent.host;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Random (version 4) UUIDs, for ids that must be unique across the fleet (the collector deduplicates reports by
 * theirs), drawn from the operating system's cryptographic random source directly. {@link UUID#randomUUID()}
 * draws from the same source through {@code SecureRandom}, whose first use loads the security providers (about
 * 100 classes, half a MiB of a start), so it is only the fallback where the OS source cannot be read.
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

    public UUID next() {
        byte[] bytes = new byte[16];
        return source.fill(bytes) ? version4(bytes) : UUID.randomUUID();
    }

    /** The version and variant bits set as {@link UUID#randomUUID()} sets them (RFC 9562, section 5.4). */
    static UUID version4(byte[] random) {
        byte[] bytes = random.clone();
        bytes[6] &= 0x0f;
        bytes[6] |= 0x40;
        bytes[8] &= 0x3f;
        bytes[8] |= (byte) 0x80;
        ByteBuffer bits = ByteBuffer.wrap(bytes);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
