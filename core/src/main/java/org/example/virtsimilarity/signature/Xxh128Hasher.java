package org.example.virtsimilarity.signature;

import net.openhft.hashing.LongTupleHashFunction;

final class Xxh128Hasher implements BlockHasher {
    private static final LongTupleHashFunction XXH128 = LongTupleHashFunction.xx128();
    private final long[] result = XXH128.newResultArray();

    @Override
    public void hash(byte[] data, int offset, int length, long[] out, int at) {
        XXH128.hashBytes(data, offset, length, result);
        out[at] = result[0];
        out[at + 1] = result[1];
        if (out[at] == 0 && out[at + 1] == 0) {
            // all-zero words mean "zero block"; a non-zero block whose digest is zero gets another value
            out[at + 1] = 1;
        }
    }
}
