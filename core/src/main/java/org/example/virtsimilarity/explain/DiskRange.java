package org.example.virtsimilarity.explain;

/**
 * Part of a disk, in bytes.
 *
 * @param start  its first byte
 * @param length its length
 */
record DiskRange(long start, long length) {
    DiskRange {
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("a disk range starts and ends on the disk: " + start + "+" + length);
        }
    }

    long end() {
        return start + length;
    }

    /** How many bytes of {@code [from, to)} lie in this range. */
    long overlap(long from, long to) {
        return Math.max(0, Math.min(to, end()) - Math.max(from, start));
    }
}
