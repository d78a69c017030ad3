package org.example.virtsimilarity.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ArborescenceTest {
    /** Plans the full matrix as the planner does: candidates only, then the arborescence. */
    static int[] cheapest(OverlayCosts costs) {
        int n = costs.size();
        int edges = 0;
        for (int c = 0; c < n; c++) {
            edges += costs.parents(c).length;
        }
        int[] from = new int[edges];
        int[] to = new int[edges];
        long[] cost = new long[edges];
        long[] alone = new long[n];
        int e = 0;
        for (int c = 0; c < n; c++) {
            alone[c] = costs.alone(c);
            for (int k = 0; k < costs.parents(c).length; k++, e++) {
                from[e] = costs.parents(c)[k];
                to[e] = c;
                cost[e] = costs.costs(c)[k];
            }
        }
        return Arborescence.cheapest(alone, from, to, cost);
    }

    @Test
    void matchesBruteForceOnRandomMatricesWithManyTies() {
        Random random = new Random(1);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + random.nextInt(6);
            long[] alone = new long[n];
            long[][] over = new long[n][n];
            for (int c = 0; c < n; c++) {
                alone[c] = random.nextInt(20);
                for (int p = 0; p < n; p++) {
                    over[c][p] = random.nextInt(20);
                }
            }
            OverlayCosts costs = OverlayCosts.of(alone, over);

            int[] plan = cheapest(costs);

            assertThat(BruteForce.depth(plan)).isLessThan(Integer.MAX_VALUE);
            assertThat(costs.total(plan)).as("trial %d", trial)
                    .isEqualTo(BruteForce.cheapest(alone, over, Integer.MAX_VALUE));
        }
    }

    @Test
    void matchesBruteForceOnRandomCloneFamilies() {
        Random random = new Random(2);
        for (int trial = 0; trial < 150; trial++) {
            Families.Family family = Families.random(random, 2 + random.nextInt(6));

            int[] plan = cheapest(family.costs());

            assertThat(family.costs().total(plan)).as("trial %d", trial)
                    .isEqualTo(BruteForce.cheapest(family.alone(), family.over(), Integer.MAX_VALUE));
        }
    }

    @Test
    void contractsNestedCyclesAndExpandsThemBack() {
        // 0, 1 and 2 prefer each other in a ring, 3 and 4 too; only 0 and 3 are cheap from outside
        long[] alone = {10, 50, 50, 12, 50};
        long big = 100;
        long[][] over = {
            {0, big, 1, big, big},
            {1, 0, big, big, big},
            {big, 1, 0, 20, big},
            {big, big, big, 0, 1},
            {big, big, 30, 1, 0},
        };

        int[] plan = cheapest(OverlayCosts.of(alone, over));

        assertThat(plan).containsExactly(-1, 0, 1, -1, 3);
    }

    @Test
    void aThousandImagesOfOneTemplateArePlannedQuickly() {
        Random random = new Random(3);
        int n = 1000;
        long[] alone = new long[n];
        long[][] over = new long[n][n];
        for (int c = 0; c < n; c++) {
            alone[c] = 10_000;
            for (int p = 0; p < n; p++) {
                over[c][p] = 100 + random.nextInt(1000);
            }
        }
        OverlayCosts costs = OverlayCosts.of(alone, over);
        long start = System.nanoTime();

        int[] plan = cheapest(costs);

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
        assertThat(java.util.Arrays.stream(plan).filter(p -> p < 0).count()).isEqualTo(1);
        assertThat(BruteForce.depth(plan)).isLessThan(Integer.MAX_VALUE);
    }
}
