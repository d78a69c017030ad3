package org.example.virtsimilarity.signature;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A JDK message digest (SHA-256 uses the CPU's SHA instructions where there are any). */
final class DigestHasher implements BlockHasher {
    private final MessageDigest digest;
    private final ByteBuffer result;

    DigestHasher(String name) {
        try {
            this.digest = MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + name, e);
        }
        this.result = ByteBuffer.allocate(digest.getDigestLength()).order(ByteOrder.BIG_ENDIAN);
    }

    /** A sector's digest is its whole standard digest. */
    @Override
    public void hashSectors(ByteBuffer data, int offset, int count, long[] out, int at) {
        int words = result.capacity() / Long.BYTES;
        for (int sector = 0; sector < count; sector++) {
            hash(data, offset + sector * Xxh3.SECTOR, Xxh3.SECTOR, out, at + sector * words);
        }
    }

    @Override
    public void hash(ByteBuffer data, int offset, int length, long[] out, int at) {
        if (data.hasArray()) {
            digest.update(data.array(), data.arrayOffset() + offset, length);
        } else {
            digest.update(data.slice(offset, length));
        }
        try {
            digest.digest(result.array(), 0, result.capacity());
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        boolean zero = true;
        for (int i = 0; i < result.capacity() / Long.BYTES; i++) {
            out[at + i] = result.getLong(i * Long.BYTES);
            zero &= out[at + i] == 0;
        }
        if (zero) {
            out[at + result.capacity() / Long.BYTES - 1] = 1;
        }
    }
}
