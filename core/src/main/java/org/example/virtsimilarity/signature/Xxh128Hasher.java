package org.example.virtsimilarity.signature;

import java.nio.ByteBuffer;

/** XXH3-128 of a block and XXH3-64 of a sector, read in place from heap or direct buffers (see {@link Xxh3}). */
final class Xxh128Hasher implements BlockHasher {
    @Override
    public void hash(ByteBuffer data, int offset, int length, long[] out, int at) {
        Xxh3.hash128(data, offset, length, out, at);
        if (out[at] == 0 && out[at + 1] == 0) {
            // all-zero words mean "zero block"; a non-zero block whose digest is zero gets another value
            out[at + 1] = 1;
        }
    }

    @Override
    public void hashSectors(ByteBuffer data, int offset, int count, long[] out, int at) {
        Xxh3.hashSectors(data, offset, count, out, at);
    }

    @Override
    public boolean prefersDirectBuffers() {
        return true;
    }
}
