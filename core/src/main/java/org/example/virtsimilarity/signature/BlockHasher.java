package org.example.virtsimilarity.signature;

import java.nio.ByteBuffer;

/**
 * Hashes one block into {@link HashAlgorithm#words()} longs. Not thread-safe.
 */
public interface BlockHasher {
    /** Hashes {@code length} bytes of {@code data} from {@code offset} (absolute) into {@code out} at {@code at}. */
    void hash(ByteBuffer data, int offset, int length, long[] out, int at);

    /**
     * Hashes {@code count} 512-byte sectors of {@code data} from {@code offset} into {@code out} from {@code at},
     * {@link HashAlgorithm#sectorWords()} words each.
     */
    void hashSectors(ByteBuffer data, int offset, int count, long[] out, int at);

    /** Whether hashing a direct buffer avoids copying it (so readers should read into direct buffers). */
    default boolean prefersDirectBuffers() {
        return false;
    }
}
