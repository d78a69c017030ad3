package org.example.virtsimilarity.signature;

import java.nio.ByteBuffer;

/**
 * One worker's hashing for {@link DigestScheme#SECTOR_DIGESTS}: a block's sectors one by one, then the block's digest
 * over their digests (2 KiB for a 64 KiB block under xxh128, 3 % more to hash), so that the content chunker takes the
 * same sector digests and no byte is hashed twice. Not thread-safe.
 */
final class SectorDigests {
    private final BlockHasher hasher;
    private final int sectors;
    private final long[] digests;
    private final ByteBuffer list;
    private final int hashed;

    SectorDigests(HashAlgorithm algorithm, int blockSize) {
        this.hasher = algorithm.newHasher();
        this.sectors = blockSize / ContentFingerprints.SECTOR;
        this.digests = new long[sectors * algorithm.sectorWords()];
        // padded with zeros as the chunker pads its lists: the block kernels hash more than 240 bytes
        this.hashed = Math.max(SectorChunker.MIN_HASHED, digests.length * Long.BYTES);
        this.list = ByteBuffer.allocate(hashed);
    }

    /** Hashes the block at {@code data[at, at + block size)} into {@code out} from {@code outAt}. */
    void hashBlock(ByteBuffer data, int at, long[] out, int outAt) {
        hasher.hashSectors(data, at, sectors, digests, 0);
        for (int w = 0; w < digests.length; w++) {
            list.putLong(w * Long.BYTES, digests[w]);
        }
        hasher.hash(list, 0, hashed, out, outAt);
    }

    /** The last block's sector digests, {@link HashAlgorithm#sectorWords()} words a sector. */
    long[] sectorDigests() {
        return digests;
    }

    int sectorsPerBlock() {
        return sectors;
    }
}
