package org.example.virtsimilarity.distance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.example.virtsimilarity.signature.ContentFingerprints;
import org.junit.jupiter.api.Test;

/** The content measure's arithmetic on chunk lists whose answer is known. */
class ContentComparisonTest {
    @Test
    void countsContentAsAMultiset() {
        // the baseline holds chunk 7 once; the image holds it a thousand times: 999 copies are new data
        ContentFingerprints baseline = chunks(0, new long[] {7, 8}, new int[] {8, 8});
        long[] copies = new long[1001];
        int[] lengths = new int[1001];
        java.util.Arrays.fill(copies, 7);
        java.util.Arrays.fill(lengths, 8);
        copies[1000] = 8;
        ContentFingerprints image = chunks(0, copies, lengths);

        ContentComparison comparison = ContentComparison.of(image, baseline);

        assertThat(comparison.newBytes()).isEqualTo(999L * 8 * 512);
        assertThat(comparison.removedBytes()).isZero();
        assertThat(comparison.divergence()).isEqualTo(999.0 / 1001);
    }

    @Test
    void tellsNewRemovedMovedAndInPlaceData() {
        // baseline: A B C at sectors 0, 8, 16; image: A in place, C moved to 8, D new at 16; B removed
        ContentFingerprints baseline = chunks(0, new long[] {0xA00, 0xB00, 0xC00}, new int[] {8, 8, 8});
        ContentFingerprints image = chunks(0, new long[] {0xA00, 0xC00, 0xD00}, new int[] {8, 8, 8});

        ContentComparison comparison = ContentComparison.of(image, baseline);

        assertThat(comparison.newBytes()).isEqualTo(4096);
        assertThat(comparison.removedBytes()).isEqualTo(4096);
        assertThat(comparison.inPlaceBytes()).isEqualTo(4096);
        assertThat(comparison.movedBytes()).isEqualTo(4096);
        assertThat(comparison.divergence()).isEqualTo(1.0 / 3);
        // weighted Jaccard: 2 shared of 4 distinct
        assertThat(comparison.distance()).isEqualTo(0.5);
        assertThat(ContentComparison.of(baseline, image).distance()).isEqualTo(0.5);
    }

    @Test
    void anEmptyImageDivergesFullyFromABaselineWithData() {
        ContentFingerprints some = chunks(0, new long[] {0x100}, new int[] {1});

        assertThat(ContentComparison.of(ContentFingerprints.empty(), some).divergence()).isEqualTo(1.0);
        assertThat(ContentComparison.of(ContentFingerprints.empty(), ContentFingerprints.empty()).divergence())
                .isZero();
        assertThat(ContentComparison.of(some, ContentFingerprints.empty()).divergence()).isEqualTo(1.0);
    }

    /**
     * The sketch against exact on random image families: every estimate within four of its standard errors
     * (sqrt(J(1-J)/m) with m sampled chunks), and the largest error of 50 pairs within one percentage point.
     */
    @Test
    void theSketchEstimatesTheExactDistanceWithinItsBound() {
        Random random = new Random(5);
        List<ContentFingerprints> images = new ArrayList<>();
        for (int family = 0; family < 5; family++) {
            long[] template = random.longs(200_000).toArray();
            for (int member = 0; member < 4; member++) {
                long[] copy = template.clone();
                int changes = random.nextInt(copy.length);
                for (int k = 0; k < changes; k++) {
                    copy[random.nextInt(copy.length)] = random.nextLong();
                }
                int[] lengths = new int[copy.length];
                for (int k = 0; k < lengths.length; k++) {
                    lengths[k] = 1 + (int) Math.floorMod(template[k], 16L);
                }
                images.add(chunks(0, copy, lengths));
            }
        }
        int scale = ContentSketch.scaleFor(200_000, ContentDistances.SKETCH_TARGET);
        DistanceMatrix exact = ContentDistances.exact(images, 2);
        DistanceMatrix sketched = ContentDistances.sketched(images, scale, 2);

        double worst = 0;
        for (int pair = 0; pair < 50; pair++) {
            int i = random.nextInt(images.size());
            int j = (i + 1 + random.nextInt(images.size() - 1)) % images.size();
            double truth = exact.divergence(i, j);
            double error = Math.abs(sketched.divergence(i, j) - truth);
            double samples = 2.0 * 200_000 / scale;
            assertThat(error).as("pair %d-%d", i, j).isLessThanOrEqualTo(
                    4 * Math.sqrt(truth * (1 - truth) / samples) + 1e-9);
            worst = Math.max(worst, error);
        }
        assertThat(scale).isGreaterThan(1);
        assertThat(worst).isLessThan(0.01);
    }

    /** Chunks in disk order from {@code start}, one after another. */
    static ContentFingerprints chunks(long start, long[] fingerprints, int[] sectors) {
        long[] spans = new long[fingerprints.length];
        long at = start;
        for (int i = 0; i < spans.length; i++) {
            spans[i] = at << 16 | sectors[i];
            at += sectors[i];
        }
        return ContentFingerprints.of(fingerprints.clone(), spans);
    }
}
