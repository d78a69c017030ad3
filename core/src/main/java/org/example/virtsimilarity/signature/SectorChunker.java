package org.example.virtsimilarity.signature;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts a stretch of disk into content-defined chunks of whole sectors, for {@link ContentFingerprints}.
 *
 * <p>Every file system and partition table allocates in whole 512-byte sectors, so a file's data starts on a sector
 * boundary wherever it lands, whatever the file system's block size (1 KiB ext4, 4 KiB ext4, XFS, FAT clusters) and
 * however the partition is aligned (MBR's sector 63). Cut decisions here depend on one sector's content alone: a
 * sector whose digest has its {@value #ANCHOR_BITS} low bits zero starts a chunk (so chunks average about 4 KiB), an
 * all-zero sector ends one and belongs to none (free space), a sector whose last {@value #TAIL_BYTES} bytes are zero
 * ends one (the zero-padded tail of a file, so that a chunk rarely runs on into the next file), and a chunk of
 * {@link ContentFingerprints#MAX_SECTORS} sectors is cut. A file that moves is therefore cut the same way in both
 * places, except at its edges. Measured on ext4 (1 and 4 KiB blocks), XFS and FAT32 rebuilt from a 400 MB tree,
 * with and without a partition at sector 63: a rebuild diverges 0.2-1.4 %, and every 4 MB added adds about 1 point.
 * A chunk's fingerprint is the run's hash over its sectors' digests, so it is as hard to forge as the hash chosen for
 * blocks. The sector digests come from {@link Signer}, which hashes every sector once and makes the block digests of
 * {@link DigestScheme#SECTOR_DIGESTS} from them too.
 *
 * <p>One chunker serves one worker, a stretch of disk at a time, in order; the stretch's ends are cuts. Not
 * thread-safe.
 */
final class SectorChunker {
    static final int ANCHOR_BITS = 3;
    static final int TAIL_BYTES = 32;
    private static final long ANCHOR_MASK = (1L << ANCHOR_BITS) - 1;
    private static final int SECTOR = ContentFingerprints.SECTOR;
    /** The block kernels hash more than 240 bytes: short digest lists are padded with zeros (a digest never is). */
    static final int MIN_HASHED = 256;
    private static final byte[] PADDING = new byte[MIN_HASHED];
    /** The most chunks one array holds (a signature's chunks are one array). */
    private static final int MAX_CHUNKS = Integer.MAX_VALUE - 8;

    private final BlockHasher hasher;
    private final int words;
    private final long[] zeroSector;
    private final long[] fingerprint;
    private final ByteBuffer digests;
    private int sectors;
    private long startSector;
    private long[] fingerprints;
    private long[] spans;
    private int count;

    /**
     * @param expectedChunks room to start with: grown from 256 by copies, the arrays took four times the memory of the
     *                       signature's own chunks in every run (allocation samples), and memory new to the process
     *                       costs a page fault every 4 KiB
     */
    SectorChunker(HashAlgorithm algorithm, int expectedChunks) {
        this.fingerprints = new long[Math.max(256, expectedChunks)];
        this.spans = new long[fingerprints.length];
        this.hasher = algorithm.newHasher();
        this.words = algorithm.sectorWords();
        this.zeroSector = zeroSectorDigest(algorithm);
        this.fingerprint = new long[algorithm.words()];
        this.digests = ByteBuffer.allocate(Math.max(MIN_HASHED, ContentFingerprints.MAX_SECTORS * words * Long.BYTES));
    }

    /** The digest every all-zero sector has, which marks free space. */
    static long[] zeroSectorDigest(HashAlgorithm algorithm) {
        long[] digest = new long[algorithm.sectorWords()];
        algorithm.newHasher().hashSectors(ByteBuffer.allocate(SECTOR), 0, 1, digest, 0);
        return digest;
    }

    /**
     * Takes {@code count} whole sectors of {@code data} from {@code from}, which start at disk offset {@code offset},
     * with their digests in {@code sectorDigests} from 0.
     */
    void accept(ByteBuffer data, int from, int count, long offset, long[] sectorDigests) {
        long sector = offset / SECTOR;
        for (int i = 0, at = from; i < count; i++, at += SECTOR, sector++) {
            int digest = i * words;
            if (isZero(sectorDigests, digest)) {
                cut();
                continue;
            }
            if (sectors > 0 && ((sectorDigests[digest] & ANCHOR_MASK) == 0
                    || sectors == ContentFingerprints.MAX_SECTORS)) {
                cut();
            }
            if (sectors == 0) {
                startSector = sector;
            }
            for (int w = 0; w < words; w++) {
                digests.putLong((sectors * words + w) * Long.BYTES, sectorDigests[digest + w]);
            }
            sectors++;
            if (data.getLong(at + SECTOR - 8) == 0 && data.getLong(at + SECTOR - 16) == 0
                    && data.getLong(at + SECTOR - 24) == 0 && data.getLong(at + SECTOR - 32) == 0) {
                cut();
            }
        }
    }

    /** Ends the current chunk, if any: zero sectors follow, or the stretch ends. */
    void cut() {
        if (sectors == 0) {
            return;
        }
        int used = sectors * words * Long.BYTES;
        int hashed = Math.max(used, MIN_HASHED);
        digests.put(used, PADDING, 0, hashed - used);
        hasher.hash(digests, 0, hashed, fingerprint, 0);
        if (count == fingerprints.length) {
            int grown = (int) Math.min(count * 2L, MAX_CHUNKS);
            if (grown == count) {
                throw new IllegalArgumentException(count + " content chunks are too many for one signature");
            }
            fingerprints = Arrays.copyOf(fingerprints, grown);
            spans = Arrays.copyOf(spans, grown);
        }
        fingerprints[count] = fingerprint[0];
        spans[count] = ContentFingerprints.span(startSector, sectors);
        count++;
        sectors = 0;
    }

    /**
     * Ends a stretch; returns the number of chunks cut so far. The worker's stretches follow one another in its
     * chunker, which keeps them all (a copy a stretch cost 7 % of a content run), and each stretch's chunks are
     * the ones between the counts its start and its end returned.
     */
    int endStretch() {
        cut();
        return count;
    }

    /** The number of chunks cut so far. */
    int count() {
        return count;
    }

    /** Copies chunks {@code [from, to)} into the arrays from {@code at}. */
    void copy(int from, int to, long[] fingerprintsOut, long[] spansOut, int at) {
        System.arraycopy(fingerprints, from, fingerprintsOut, at, to - from);
        System.arraycopy(spans, from, spansOut, at, to - from);
    }

    private boolean isZero(long[] sectorDigests, int at) {
        for (int w = 0; w < words; w++) {
            if (sectorDigests[at + w] != zeroSector[w]) {
                return false;
            }
        }
        return true;
    }
}
