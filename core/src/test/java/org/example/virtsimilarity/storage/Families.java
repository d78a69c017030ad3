package org.example.virtsimilarity.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.example.virtsimilarity.distance.Distances;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;

/**
 * Random image families as signatures: templates, and clones of earlier images with blocks changed, zeroed, cut off
 * or added at the end; with what each image stores alone and over each other, counted block by block.
 */
final class Families {
    static final int BLOCK = 4096;

    private Families() {
    }

    /** The images, and the costs by the definition: alone its non-zero blocks, over p what differs within its size. */
    record Family(List<Signature> signatures, long[] alone, long[][] over) {
        OverlayCosts costs() {
            return OverlayCosts.of(signatures, Distances.matrix(signatures));
        }
    }

    static Family random(Random random, int n) {
        List<long[]> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] image;
            if (i == 0 || random.nextInt(4) == 0) {
                image = new long[2 * (12 + random.nextInt(8))];
                for (int b = 0; b < image.length / 2; b++) {
                    if (random.nextInt(4) != 0) {
                        fresh(random, image, b);
                    }
                }
            } else {
                image = images.get(random.nextInt(i)).clone();
                int changes = random.nextInt(6);
                for (int k = 0; k < changes; k++) {
                    int b = random.nextInt(image.length / 2);
                    if (random.nextInt(3) == 0) {
                        image[2 * b] = 0;
                        image[2 * b + 1] = 0;
                    } else {
                        fresh(random, image, b);
                    }
                }
                if (random.nextInt(4) == 0) {
                    int blocks = image.length / 2 + random.nextInt(7) - 3;
                    int old = image.length / 2;
                    image = Arrays.copyOf(image, 2 * blocks);
                    for (int b = old; b < blocks; b++) {
                        fresh(random, image, b);
                    }
                }
            }
            images.add(image);
        }
        List<Signature> signatures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] digests = images.get(i);
            signatures.add(Signature.builder(HashAlgorithm.XXH128, BLOCK, (long) digests.length / 2 * BLOCK)
                    .identity(new ImageIdentity("image-" + i + ".img", "", "raw", 0, 0, "")).digests(digests).build());
        }
        long[] alone = new long[n];
        long[][] over = new long[n][n];
        for (int c = 0; c < n; c++) {
            long[] child = images.get(c);
            for (int b = 0; b < child.length / 2; b++) {
                alone[c] += child[2 * b] != 0 || child[2 * b + 1] != 0 ? 1 : 0;
            }
            for (int p = 0; p < n; p++) {
                long[] parent = images.get(p);
                for (int b = 0; b < child.length / 2; b++) {
                    boolean same = 2 * b < parent.length ? child[2 * b] == parent[2 * b]
                            && child[2 * b + 1] == parent[2 * b + 1] : child[2 * b] == 0 && child[2 * b + 1] == 0;
                    over[c][p] += same ? 0 : 1;
                }
            }
        }
        return new Family(signatures, alone, over);
    }

    private static void fresh(Random random, long[] image, int b) {
        image[2 * b] = random.nextLong();
        image[2 * b + 1] = random.nextLong() | 1;
    }
}
