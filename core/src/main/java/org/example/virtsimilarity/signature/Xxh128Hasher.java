package org.example.virtsimilarity.signature;

import java.nio.ByteBuffer;
import net.openhft.hashing.LongTupleHashFunction;

/**
 * XXH3-128. The library reads direct buffers in place, but only where the JVM exports {@code sun.nio.ch} to it (the
 * command's jar declares {@code Add-Exports}); elsewhere (inside Maven or Jenkins) it hashes heap arrays.
 */
final class Xxh128Hasher implements BlockHasher {
    private static final LongTupleHashFunction XXH128 = LongTupleHashFunction.xx128();
    static final boolean DIRECT_ACCESS = canHashDirectBuffers();
    private final long[] result = XXH128.newResultArray();

    private static boolean canHashDirectBuffers() {
        try {
            XXH128.hashBytes(ByteBuffer.allocateDirect(16));
            return true;
        } catch (IllegalAccessError e) {
            return false;
        }
    }

    @Override
    public void hash(ByteBuffer data, int offset, int length, long[] out, int at) {
        if (data.hasArray()) {
            XXH128.hashBytes(data.array(), data.arrayOffset() + offset, length, result);
        } else {
            XXH128.hashBytes(data, offset, length, result);
        }
        out[at] = result[0];
        out[at + 1] = result[1];
        if (out[at] == 0 && out[at + 1] == 0) {
            // all-zero words mean "zero block"; a non-zero block whose digest is zero gets another value
            out[at + 1] = 1;
        }
    }

    @Override
    public boolean prefersDirectBuffers() {
        return DIRECT_ACCESS;
    }
}
