package org.example.virtsimilarity.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OverlayCostsTest {
    @Test
    void costsFromSignaturesAreWhatAnOverlayStoresBlockByBlock() {
        Random random = new Random(4);
        for (int trial = 0; trial < 100; trial++) {
            Families.Family family = Families.random(random, 2 + random.nextInt(8));

            OverlayCosts costs = family.costs();

            for (int c = 0; c < costs.size(); c++) {
                assertThat(costs.alone(c)).isEqualTo(family.alone()[c]);
                for (int p = 0; p < costs.size(); p++) {
                    boolean cheaper = p != c && family.over()[c][p] < family.alone()[c];
                    assertThat(costs.isCandidate(c, p)).as("%d over %d in trial %d", c, p, trial).isEqualTo(cheaper);
                    if (cheaper) {
                        assertThat(costs.cost(c, p)).isEqualTo(family.over()[c][p]);
                    }
                }
            }
        }
    }

    @Test
    void candidatesComeCheapestFirstTiesByIndex() {
        long[] alone = {10, 10, 10, 10};
        long[][] over = {{0, 5, 3, 5}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};

        OverlayCosts costs = OverlayCosts.of(alone, over);

        assertThat(costs.parents(0)).containsExactly(2, 1, 3);
        assertThat(costs.costs(0)).containsExactly(3, 5, 5);
    }
}
