package org.example.virtsimilarity.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusteringTest {

    /** Small value ranges force many ties, where upstream's grouping and ordering rules matter most. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8, 13})
    void matchesUpstreamMethodExactlyOnRandomMatricesWithTies(int maxDistance) {
        Random random = new Random(maxDistance);
        for (int round = 0; round < 300; round++) {
            DistanceMatrix matrix = randomMatrix(random, 2 + random.nextInt(11), maxDistance);

            assertThat(Clustering.cluster(matrix)).isEqualTo(UpstreamReferenceClustering.cluster(matrix));
        }
    }

    @Test
    void groupsEverySubtreeAtTheMinimumDistanceIntoOneNode() {
        // a-b and c-d are both at distance 1: upstream puts all four under one node
        DistanceMatrix matrix = matrix(new int[][] {{0, 1, 9, 9}, {1, 0, 9, 9}, {9, 9, 0, 1}, {9, 9, 1, 0}});

        Cladogram tree = Clustering.cluster(matrix);

        assertThat(tree).isEqualTo(new Cladogram.Node(java.util.List.of(new Cladogram.Leaf(3), new Cladogram.Leaf(2),
                new Cladogram.Leaf(1), new Cladogram.Leaf(0)), 1));
    }

    @Test
    void clustersAThousandImagesOfCloneFamilies() {
        int n = 1000;
        DistanceMatrix.Builder builder = DistanceMatrix.builder(n, 65536);
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                // disjoint ranges per family: upstream groups all subtrees tied at a round's minimum, related or not
                int family = i / 50;
                int d = family == j / 50 ? 1 + family * 200 + random.nextInt(100) : 10_000 + random.nextInt(1000);
                builder.set(i, j, d, 20_000);
            }
        }

        Cladogram tree = Clustering.cluster(builder.build());

        assertThat(tree.images()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).boxed().toList());
        assertThat(tree.distance()).isGreaterThanOrEqualTo(10_000);
    }

    private static DistanceMatrix randomMatrix(Random random, int n, int maxDistance) {
        DistanceMatrix.Builder builder = DistanceMatrix.builder(n, 65536);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int d = random.nextInt(maxDistance + 1);
                builder.set(i, j, d, maxDistance);
            }
        }
        return builder.build();
    }

    private static DistanceMatrix matrix(int[][] d) {
        DistanceMatrix.Builder builder = DistanceMatrix.builder(d.length, 65536);
        for (int i = 0; i < d.length; i++) {
            for (int j = i + 1; j < d.length; j++) {
                builder.set(i, j, d[i][j], 10);
            }
        }
        return builder.build();
    }
}
