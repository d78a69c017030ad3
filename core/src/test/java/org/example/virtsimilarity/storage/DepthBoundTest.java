package org.example.virtsimilarity.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DepthBoundTest {
    @Test
    void aPlanWithinTheBoundIsKeptAsItIs() {
        int[] plan = {-1, 0, 1};
        OverlayCosts costs = OverlayCosts.of(new long[] {9, 9, 9}, new long[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}});

        assertThat(DepthBound.apply(plan, costs, 2)).isSameAs(plan);
    }

    @Test
    void boundedPlansStayWithinTheBoundAndNeverBeatTheBruteForceOptimum() {
        Random random = new Random(5);
        int exact = 0;
        int trials = 300;
        for (int trial = 0; trial < trials; trial++) {
            Families.Family family = Families.random(random, 3 + random.nextInt(4));
            OverlayCosts costs = family.costs();
            int maxChain = random.nextInt(3);

            int[] plan = DepthBound.apply(ArborescenceTest.cheapest(costs), costs, maxChain);

            long best = BruteForce.cheapest(family.alone(), family.over(), maxChain);
            assertThat(BruteForce.depth(plan)).as("trial %d", trial).isLessThanOrEqualTo(maxChain);
            assertThat(costs.total(plan)).as("trial %d", trial).isGreaterThanOrEqualTo(best);
            exact += costs.total(plan) == best ? 1 : 0;
        }
        // a heuristic, but a good one on clone families
        assertThat(exact).isGreaterThanOrEqualTo(trials * 9 / 10);
    }

    @Test
    void aChainOfNightlyClonesIsReadFromItsMiddleAtNoExtraCost() {
        // night k differs from night k-1 in one block of its own: the cheapest plan is the chain, 11 deep
        int nights = 12;
        long[] alone = new long[nights];
        long[][] over = new long[nights][nights];
        for (int c = 0; c < nights; c++) {
            alone[c] = 100;
            for (int p = 0; p < nights; p++) {
                over[c][p] = Math.abs(c - p);
            }
        }
        OverlayCosts costs = OverlayCosts.of(alone, over);
        int[] unbounded = ArborescenceTest.cheapest(costs);
        assertThat(BruteForce.depth(unbounded)).isEqualTo(11);

        int[] plan = DepthBound.apply(unbounded, costs, 8);

        assertThat(BruteForce.depth(plan)).isLessThanOrEqualTo(8);
        assertThat(costs.total(plan)).isEqualTo(costs.total(unbounded)).isEqualTo(111);
    }

    @Test
    void aBoundOfZeroLeavesEveryImageAlone() {
        Families.Family family = Families.random(new Random(6), 8);
        OverlayCosts costs = family.costs();

        int[] plan = DepthBound.apply(ArborescenceTest.cheapest(costs), costs, 0);

        assertThat(plan).containsOnly(-1);
    }

    @Test
    void longChainsAreCutWhereCuttingCostsLeast() {
        // forty nights: no centre is within 8 of every night, so some must hang from nights further back
        int nights = 40;
        long[] alone = new long[nights];
        long[][] over = new long[nights][nights];
        for (int c = 0; c < nights; c++) {
            alone[c] = 1000;
            for (int p = 0; p < nights; p++) {
                over[c][p] = 10L * Math.abs(c - p);
            }
        }
        OverlayCosts costs = OverlayCosts.of(alone, over);

        int[] plan = DepthBound.apply(ArborescenceTest.cheapest(costs), costs, 8);

        assertThat(BruteForce.depth(plan)).isLessThanOrEqualTo(8);
        // one copy stored whole, and every other night within a few nights of its parent
        assertThat(java.util.Arrays.stream(plan).filter(p -> p < 0).count()).isEqualTo(1);
        assertThat(costs.total(plan)).isLessThan(1000 + 39 * 10 * 2);
    }
}
