package org.example.virtsimilarity.bench;

import org.example.virtsimilarity.signature.ContentFingerprints;

/**
 * Content fingerprints of image families as a factory rebuilds them: each family has a template of chunks; a member
 * holds the template's chunks (in the template's order: the content measure does not look at places) except a share
 * of its own, new ones. Deterministic, so that an image can be made again for an exact comparison instead of being
 * kept (1,000 images of 10 GiB would take 40 GiB of fingerprints).
 */
final class ContentFamilies {
    /** Chunks of a 10 GiB image whose data averages 4 KiB a chunk. */
    static final int TEN_GIB_CHUNKS = 10 << 18;

    private ContentFamilies() {
    }

    /** Member {@code member} of {@code family}, which changed a share {@code change} of its chunks. */
    static ContentFingerprints image(int family, int member, int chunks, double change) {
        long[] fingerprints = new long[chunks];
        long[] spans = new long[chunks];
        long threshold = (long) (change * (1L << 53));
        long at = 0;
        for (int k = 0; k < chunks; k++) {
            long own = mix(((long) family << 40) ^ ((long) member << 28) ^ k ^ 0x5DEECE66DL);
            long fingerprint = (own >>> 11) < threshold ? own : mix(((long) family << 32) ^ k);
            int sectors = 1 + (int) ((fingerprint >>> 59) & 15);
            fingerprints[k] = fingerprint;
            spans[k] = at << 16 | sectors;
            at += sectors;
        }
        return ContentFingerprints.of(fingerprints, spans);
    }

    /** The share of member {@code member}'s chunks that are its own: 1 % to 40 %, varied across members. */
    static double change(int member) {
        return 0.01 + 0.39 * ((member * 7919) % 50) / 49.0;
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
