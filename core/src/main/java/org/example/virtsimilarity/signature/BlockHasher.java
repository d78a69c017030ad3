package org.example.virtsimilarity.signature;

/**
 * Hashes one block into {@link HashAlgorithm#words()} longs.  Not thread-safe. Works on heap arrays: the fast
 * xxHash library reads direct buffers only through a JDK-internal class that a library cannot open in its host.
 */
public interface BlockHasher {
    /** Hashes {@code length} bytes of {@code data} from {@code offset} into {@code out} starting at {@code at}. */
    void hash(byte[] data, int offset, int length, long[] out, int at);
}
