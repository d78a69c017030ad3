package org.example.virtsimilarity.distance;

import java.util.Arrays;
import org.example.virtsimilarity.signature.ContentFingerprints;

/**
 * A sample of an image's content for comparing many images at once, as Mash and sourmash's FracMinHash sample
 * genomes: the distinct chunk contents whose hash falls in the lowest 1/{@code scale} of the range are kept, each
 * with how often the image holds it. Two images keep the same contents of what they share, so the weighted Jaccard
 * similarity of their samples (by length and count) estimates that of the images; with m sampled contents in the
 * pair's union its standard error is about sqrt(J(1-J)/m), a little more where chunk lengths vary.
 *
 * <p>Immutable.
 */
public final class ContentSketch {
    private final int scale;
    /** Sampled chunk keys (content and length, see {@link ContentFingerprints#sortedKeys()}), ascending. */
    private final long[] keys;
    /** How often the image holds each. */
    private final int[] counts;
    /** The sample's sectors, every copy counted. */
    private final long weight;

    private ContentSketch(int scale, long[] keys, int[] counts) {
        this.scale = scale;
        this.keys = keys;
        this.counts = counts;
        long sectors = 0;
        for (int k = 0; k < keys.length; k++) {
            sectors += (long) ContentFingerprints.keySectors(keys[k]) * counts[k];
        }
        this.weight = sectors;
    }

    /** Samples one chunk content in {@code scale}, in expectation; a scale of 1 keeps all (and is exact). */
    public static ContentSketch of(ContentFingerprints content, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1");
        }
        long limit = Long.MAX_VALUE / scale;
        long[] kept = new long[Math.max(16, content.count() / scale * 2)];
        int count = 0;
        for (int chunk = 0; chunk < content.count(); chunk++) {
            long key = ContentFingerprints.key(content.fingerprint(chunk), content.sectors(chunk));
            if (mix(key) >>> 1 <= limit) {
                if (count == kept.length) {
                    kept = Arrays.copyOf(kept, count * 2);
                }
                kept[count++] = key;
            }
        }
        Arrays.sort(kept, 0, count);
        long[] keys = new long[count];
        int[] counts = new int[count];
        int distinct = 0;
        for (int k = 0; k < count; k++) {
            if (distinct > 0 && keys[distinct - 1] == kept[k]) {
                counts[distinct - 1]++;
            } else {
                keys[distinct] = kept[k];
                counts[distinct++] = 1;
            }
        }
        return new ContentSketch(scale, Arrays.copyOf(keys, distinct), Arrays.copyOf(counts, distinct));
    }

    /** The scale for a set of images: about {@code target} samples from an image of average size, exact below it. */
    public static int scaleFor(long averageChunks, int target) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, averageChunks / target));
    }

    public int scale() {
        return scale;
    }

    /** The number of distinct contents sampled. */
    public int size() {
        return keys.length;
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
        // only what both hold needs a walk: the rest follows from the two totals
        long shared = 0;
        long[] mine = keys;
        long[] theirs = other.keys;
        int i = 0;
        int j = 0;
        while (i < mine.length && j < theirs.length) {
            long a = mine[i];
            long b = theirs[j];
            if (a == b) {
                shared += (long) ContentFingerprints.keySectors(a) * Math.min(counts[i], other.counts[j]);
            }
            i += a <= b ? 1 : 0;
            j += b <= a ? 1 : 0;
        }
        long differing = weight + other.weight - 2 * shared;
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
