package org.example.virtsimilarity.distance;

import java.util.Arrays;
import org.example.virtsimilarity.signature.ContentFingerprints;

/**
 * A sample of an image's content for comparing many images at once, as Mash and sourmash's FracMinHash sample
 * genomes: every chunk occurrence (its content and which copy of it this is) is hashed, and the occurrences whose
 * hash falls in the lowest 1/{@code scale} of the range are kept with their length. Two images keep the same
 * occurrences of the content they share, so the weighted Jaccard similarity of the samples estimates that of the
 * images; with m sampled chunks in the pair's union its standard error is about sqrt(J(1-J)/m).
 *
 * <p>Immutable.
 */
public final class ContentSketch {
    private final int scale;
    /** Sampled hashes, ascending, and each one's length in sectors. */
    private final long[] hashes;
    private final int[] sectors;

    private ContentSketch(int scale, long[] hashes, int[] sectors) {
        this.scale = scale;
        this.hashes = hashes;
        this.sectors = sectors;
    }

    /** Samples one chunk occurrence in {@code scale}, in expectation. */
    public static ContentSketch of(ContentFingerprints content, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1");
        }
        long limit = Long.MAX_VALUE / scale;
        long[] keys = content.sortedKeys();
        long[] kept = new long[Math.max(16, keys.length / scale * 2)];
        int count = 0;
        int copy = 0;
        for (int i = 0; i < keys.length; i++) {
            copy = i > 0 && keys[i] == keys[i - 1] ? copy + 1 : 0;
            long hash = mix(keys[i] + copy * 0x9E3779B97F4A7C15L) >>> 1;
            if (hash <= limit) {
                if (count == kept.length) {
                    kept = Arrays.copyOf(kept, count * 2);
                }
                // the low byte of a key is its length: carry it in the sample's low byte, the hash above it
                kept[count++] = hash & ~0xFFL | ContentFingerprints.keySectors(keys[i]);
            }
        }
        long[] sample = Arrays.copyOf(kept, count);
        Arrays.sort(sample);
        long[] hashes = new long[count];
        int[] lengths = new int[count];
        for (int k = 0; k < count; k++) {
            hashes[k] = sample[k] & ~0xFFL;
            lengths[k] = (int) (sample[k] & 0xFF);
        }
        return new ContentSketch(scale, hashes, lengths);
    }

    /** The scale for a set of images: about {@code target} samples from an image of average size, exact below it. */
    public static int scaleFor(long averageChunks, int target) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, averageChunks / target));
    }

    public int scale() {
        return scale;
    }

    public int size() {
        return hashes.length;
    }

    /**
     * Estimates the content distance and union of two images from their sketches, which must share a scale.
     *
     * @return {differing sectors, union sectors}, estimated (exact where the scale is 1)
     */
    public long[] compare(ContentSketch other) {
        if (other.scale != scale) {
            throw new IllegalArgumentException("sketches of scales " + scale + " and " + other.scale);
        }
        long shared = 0;
        long differing = 0;
        int i = 0;
        int j = 0;
        while (i < hashes.length && j < other.hashes.length) {
            long a = hashes[i];
            long b = other.hashes[j];
            if (a == b) {
                shared += sectors[i++];
                j++;
            } else if (a < b) {
                differing += sectors[i++];
            } else {
                differing += other.sectors[j++];
            }
        }
        while (i < hashes.length) {
            differing += sectors[i++];
        }
        while (j < other.hashes.length) {
            differing += other.sectors[j++];
        }
        return new long[] {differing * scale, (shared + differing) * scale};
    }

    /** A 64-bit finalizer (SplitMix64's): the sample must not follow the fingerprints' own bits. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
