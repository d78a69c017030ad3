package org.example.virtsimilarity.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;

/**
 * Signatures of clone families as an image factory makes them: a base per family (a quarter of its blocks zero),
 * clones of the base and clones of clones, each changing a share of the blocks.
 */
final class SyntheticFamilies {
    private SyntheticFamilies() {
    }

    static List<Signature> signatures(Random random, int families, int perFamily, int blocks, double change) {
        List<Signature> signatures = new ArrayList<>();
        for (int f = 0; f < families; f++) {
            long[] base = new long[blocks * 2];
            for (int p = 0; p < blocks; p++) {
                if (random.nextInt(4) != 0) {
                    base[2 * p] = random.nextLong();
                    base[2 * p + 1] = random.nextLong() | 1;
                }
            }
            long[] parent = base;
            for (int c = 0; c < perFamily; c++) {
                long[] clone = (c == 0 ? base : random.nextBoolean() ? base : parent).clone();
                if (c > 0) {
                    int changes = (int) (blocks * change);
                    for (int k = 0; k < changes; k++) {
                        int p = random.nextInt(blocks);
                        clone[2 * p] = random.nextLong();
                        clone[2 * p + 1] = random.nextLong() | 1;
                    }
                }
                signatures.add(Signature.builder(HashAlgorithm.XXH128, 65536, (long) blocks * 65536)
                        .identity(new ImageIdentity("f" + f + "-" + c, "", "raw", 0, 0, ""))
                        .digests(clone).build());
                parent = clone;
            }
        }
        Collections.shuffle(signatures, random);
        return signatures;
    }

    /** A distance matrix of clone families: small distances inside a family, large ones across. */
    static DistanceMatrix matrix(Random random, int images, int familySize) {
        DistanceMatrix.Builder builder = DistanceMatrix.builder(images, 65536);
        for (int i = 0; i < images; i++) {
            for (int j = i + 1; j < images; j++) {
                int d = i / familySize == j / familySize ? 1 + random.nextInt(5_000)
                        : 100_000 + random.nextInt(50_000);
                builder.set(i, j, d, 163_840);
            }
        }
        return builder.build();
    }
}
