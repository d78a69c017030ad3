package org.example.virtsimilarity.signature;

import java.nio.LongBuffer;

/**
 * Digest words in pages of 32K longs (256 KiB). No signature is one huge array: G1 would store such an array in
 * whole humongous regions and waste up to half of them, so large fleets would need a larger heap under G1 than under
 * other collectors. A block's words never straddle two pages (words per block divide the page size).
 */
final class DigestPages {
    static final int SHIFT = 15;
    static final int SIZE = 1 << SHIFT;
    private static final int MASK = SIZE - 1;

    private final long[][] pages;

    DigestPages(long length) {
        this.pages = new long[(int) ((length + SIZE - 1) >>> SHIFT)][];
        for (int p = 0; p < pages.length; p++) {
            pages[p] = new long[(int) Math.min(SIZE, length - ((long) p << SHIFT))];
        }
    }

    long get(long index) {
        return pages[(int) (index >>> SHIFT)][(int) (index & MASK)];
    }

    void set(long index, long value) {
        pages[(int) (index >>> SHIFT)][(int) (index & MASK)] = value;
    }

    /** The page holding word {@code index}; the word sits at {@link #offset(long)} in it. */
    long[] page(long index) {
        return pages[(int) (index >>> SHIFT)];
    }

    static int offset(long index) {
        return (int) (index & MASK);
    }

    void fill(LongBuffer source) {
        for (long[] page : pages) {
            source.get(page);
        }
    }

    void copyTo(LongBuffer target) {
        for (long[] page : pages) {
            target.put(page);
        }
    }
}
