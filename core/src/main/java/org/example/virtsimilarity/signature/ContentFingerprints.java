package org.example.virtsimilarity.signature;

import java.util.Arrays;

/**
 * What an image holds, wherever it sits: its non-zero data cut into content-defined chunks of whole 512-byte sectors
 * (see {@link SectorChunker}), each kept as a 64-bit fingerprint and its place. Chunks are in disk order and never
 * overlap; all-zero sectors belong to no chunk.
 *
 * <p>Immutable. A chunk takes 16 bytes; chunks average about 3.5 KiB of real data, so 10 GiB of data takes about
 * 48 MiB.
 */
public final class ContentFingerprints {
    /** Every file system and partition table allocates in whole sectors, so data never starts inside one. */
    public static final int SECTOR = 512;
    /** The longest chunk, in sectors. */
    public static final int MAX_SECTORS = 128;
    private static final int LENGTH_BITS = 16;
    private static final long LENGTH_MASK = (1L << LENGTH_BITS) - 1;
    /** Start sectors take the span's upper 48 bits: 128 PiB, beyond any virtual disk qemu makes. */
    static final long MAX_START_SECTOR = (1L << (Long.SIZE - LENGTH_BITS)) - 1;
    private static final ContentFingerprints EMPTY = new ContentFingerprints(new long[0], new long[0]);

    private final long[] fingerprints;
    private final long[] spans;
    private final long dataSectors;
    private volatile long[] sortedKeys;

    private ContentFingerprints(long[] fingerprints, long[] spans) {
        this.fingerprints = fingerprints;
        this.spans = spans;
        long sectors = 0;
        for (long span : spans) {
            sectors += span & LENGTH_MASK;
        }
        this.dataSectors = sectors;
    }

    public static ContentFingerprints empty() {
        return EMPTY;
    }

    /**
     * Fingerprints from parallel arrays (taken over, not copied), checked: chunks in disk order, none overlapping,
     * each of 1 to {@link #MAX_SECTORS} sectors.
     *
     * @throws IllegalArgumentException where they do not hold
     */
    public static ContentFingerprints of(long[] fingerprints, long[] spans) {
        if (fingerprints.length != spans.length) {
            throw new IllegalArgumentException(fingerprints.length + " fingerprints for " + spans.length + " chunks");
        }
        long end = 0;
        for (int i = 0; i < spans.length; i++) {
            long start = spans[i] >>> LENGTH_BITS;
            long length = spans[i] & LENGTH_MASK;
            if (length < 1 || length > MAX_SECTORS || start < end) {
                throw new IllegalArgumentException("chunk " + i + " of " + length + " sectors at sector " + start
                        + " overlaps or is out of order");
            }
            end = start + length;
        }
        return new ContentFingerprints(fingerprints, spans);
    }

    static long span(long startSector, int sectors) {
        return startSector << LENGTH_BITS | sectors;
    }

    public int count() {
        return fingerprints.length;
    }

    public long fingerprint(int chunk) {
        return fingerprints[chunk];
    }

    /** The chunk's first sector on the disk. */
    public long startSector(int chunk) {
        return spans[chunk] >>> LENGTH_BITS;
    }

    /** The chunk's length in sectors. */
    public int sectors(int chunk) {
        return (int) (spans[chunk] & LENGTH_MASK);
    }

    /** The bytes of data the chunks cover (non-zero sectors). */
    public long dataBytes() {
        return dataSectors * SECTOR;
    }

    public long dataSectors() {
        return dataSectors;
    }

    /** The raw span word of a chunk: start sector and length, as {@code .vsig} files store it. */
    long span(int chunk) {
        return spans[chunk];
    }

    /**
     * The chunks as one sorted array of keys, fingerprint and length in one word (the fingerprint's low byte gives
     * way to the length, so equal keys are equal content of equal length): a multiset comparison is then a merge.
     * Made on first use and kept.
     */
    public long[] sortedKeys() {
        long[] keys = sortedKeys;
        if (keys == null) {
            keys = new long[fingerprints.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = key(fingerprints[i], sectors(i));
            }
            Arrays.sort(keys);
            sortedKeys = keys;
        }
        return keys;
    }

    /** A key's length in sectors. */
    public static int keySectors(long key) {
        return (int) (key & 0xFF);
    }

    /** A chunk's key: its fingerprint with its length in the low byte. */
    public static long key(long fingerprint, int sectors) {
        return (fingerprint & ~0xFFL) | sectors;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentFingerprints that && Arrays.equals(fingerprints, that.fingerprints)
                && Arrays.equals(spans, that.spans);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fingerprints) * 31 + Arrays.hashCode(spans);
    }

    @Override
    public String toString() {
        return "ContentFingerprints[" + count() + " chunks, " + dataBytes() + " bytes]";
    }
}
