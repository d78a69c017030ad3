package org.example.virtsimilarity.distance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeltaDistancesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void equalsBruteForceOnEveryPair(long seed) {
        Random random = new Random(seed);
        List<Signature> signatures = CloneFamilies.generate(random, 2 + random.nextInt(6), 1 + random.nextInt(6),
                500 + random.nextInt(500));

        DistanceMatrix matrix = Distances.matrix(signatures, 2);

        assertMatchesBruteForce(signatures, matrix);
    }

    @Test
    void columnPathForManyImagesEqualsBruteForceOnEveryPair() {
        // enough images for the column-major fingerprint table; zero runs and clones of clones included
        Random random = new Random(11);
        List<Signature> signatures = CloneFamilies.generate(random, 30, 19, 96);

        DistanceMatrix matrix = Distances.matrix(signatures, 2);

        assertThat(DeltaDistances.buildsColumnTable(signatures)).as("the column path runs").isTrue();
        assertThat(DeltaDistances.buildsColumnTable(signatures.subList(0, 100))).isFalse();
        assertMatchesBruteForce(signatures, matrix);
    }

    @Test
    void handlesImagesThatShareHalfTheirBlocksAndImagesOfOtherLengths() {
        Random random = new Random(9);
        long[][] base = CloneFamilies.randomBlocks(random, 800, 0.3);
        List<Signature> signatures = new ArrayList<>();
        signatures.add(CloneFamilies.signature("base", base));
        // half the blocks replaced: right at the grouping threshold, either side of it
        for (int k = 0; k < 4; k++) {
            signatures.add(CloneFamilies.signature("half" + k, CloneFamilies.mutate(random, base, 0.45 + 0.03 * k)));
        }
        signatures.add(CloneFamilies.signature("short", java.util.Arrays.copyOf(base, 300)));
        long[][] longer = java.util.Arrays.copyOf(base, 1200);
        for (int p = 800; p < 1200; p++) {
            longer[p] = p % 3 == 0 ? new long[] {0, 0} : new long[] {random.nextLong(), p};
        }
        signatures.add(CloneFamilies.signature("long", longer));

        DistanceMatrix matrix = Distances.matrix(signatures, 1);

        assertMatchesBruteForce(signatures, matrix);
    }

    /** Every pair, both ways, against the block-by-block count. */
    private static void assertMatchesBruteForce(List<Signature> signatures, DistanceMatrix matrix) {
        for (int i = 0; i < signatures.size(); i++) {
            for (int j = 0; j < signatures.size(); j++) {
                if (i != j) {
                    Signature a = signatures.get(i);
                    Signature b = signatures.get(j);
                    assertThat(matrix.blocks(i, j)).as("d(%d,%d)", i, j).isEqualTo(Distances.differingBlocks(a, b));
                    assertThat(matrix.nonZeroBlocks(i, j)).isEqualTo(Distances.nonZeroBlocks(a, b));
                }
            }
        }
    }

    /** Synthetic signatures of clone families, as image factories make them. */
    static final class CloneFamilies {
        private CloneFamilies() {
        }

        /** Families of clones of a random base; clones of clones too; every clone changes a few blocks. */
        static List<Signature> generate(Random random, int families, int clonesPerFamily, int blocks) {
            List<Signature> signatures = new ArrayList<>();
            for (int f = 0; f < families; f++) {
                long[][] base = randomBlocks(random, blocks + random.nextInt(50), 0.25);
                signatures.add(signature("f" + f, base));
                long[][] parent = base;
                for (int c = 0; c < clonesPerFamily; c++) {
                    long[][] clone = mutate(random, random.nextBoolean() ? base : parent, 0.01 + 0.05 * random.nextDouble());
                    signatures.add(signature("f" + f + "c" + c, clone));
                    parent = clone;
                }
            }
            java.util.Collections.shuffle(signatures, random);
            return signatures;
        }

        static long[][] randomBlocks(Random random, int blocks, double zeroShare) {
            long[][] digests = new long[blocks][];
            for (int p = 0; p < blocks; p++) {
                digests[p] = random.nextDouble() < zeroShare ? new long[] {0, 0}
                        : new long[] {random.nextLong(), random.nextLong() | 1};
            }
            return digests;
        }

        static long[][] mutate(Random random, long[][] source, double share) {
            long[][] copy = source.clone();
            for (int p = 0; p < copy.length; p++) {
                if (random.nextDouble() < share) {
                    copy[p] = random.nextInt(10) == 0 ? new long[] {0, 0}
                            : new long[] {random.nextLong(), random.nextLong() | 1};
                }
            }
            return copy;
        }

        static Signature signature(String name, long[][] digests) {
            Signature.Builder builder = Signature.builder(HashAlgorithm.XXH128, 65536, (long) digests.length * 65536)
                    .identity(new ImageIdentity(name, "", "raw", 0, 0, ""));
            for (int p = 0; p < digests.length; p++) {
                builder.digest(p, digests[p]);
            }
            return builder.build();
        }
    }
}
