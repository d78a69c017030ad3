package org.example.virtsimilarity.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;
import org.junit.jupiter.api.Test;

class BackingPlannerTest {
    private static final int BLOCK = 65536;

    @Test
    void aCopyStoresNothingAClonesItsChangesAndAStrangerStandsAlone() {
        long[] template = blocks(new Random(1), 100, 20);
        long[] clone = template.clone();
        change(clone, new Random(2), 3, 7, 50);
        List<Signature> images = List.of(signature("template.img", template), signature("copy.img", template.clone()),
                signature("clone.img", clone), signature("stranger.img", blocks(new Random(3), 100, 0)));

        BackingPlan plan = BackingPlanner.plan(images, 8);

        assertThat(plan.images()).extracting(PlannedImage::parent).containsExactly(-1, 0, 0, -1);
        assertThat(plan.images()).extracting(PlannedImage::storedBlocks).containsExactly(80L, 0L, 3L, 100L);
        assertThat(plan.images()).extracting(PlannedImage::depth).containsExactly(0, 1, 1, 0);
        assertThat(plan.optimal()).isTrue();
        // qemu-img's empty qcow2: header, refcount table and block as whole clusters, the L1 table's 4 KiB
        assertThat(plan.images().get(1).storedBytes()).isEqualTo(3L * BLOCK + 4096);
        // one L2 table more where there is data
        assertThat(plan.images().get(2).storedBytes()).isEqualTo((3L + 1 + 3) * BLOCK + 4096);
        assertThat(plan.images().get(1).aloneBytes()).isEqualTo((3L + 1 + 80) * BLOCK + 4096);
        assertThat(plan.aloneBytes()).isEqualTo(plan.images().stream().mapToLong(PlannedImage::aloneBytes).sum());
        assertThat(plan.storedBytes()).isLessThan(plan.aloneBytes());
        assertThat(plan.buildOrder().indexOf(0)).isLessThan(plan.buildOrder().indexOf(1));
    }

    @Test
    void theDepthBoundShortensChainsOfClonesOfClones() {
        List<Signature> images = new ArrayList<>();
        long[] night = blocks(new Random(4), 200, 0);
        Random random = new Random(5);
        for (int n = 0; n < 6; n++) {
            images.add(signature("night-" + n + ".img", night));
            night = night.clone();
            change(night, random, 2 * n, 2 * n + 1);
        }

        BackingPlan unbounded = BackingPlanner.plan(images, 8);
        BackingPlan bounded = BackingPlanner.plan(images, 1);

        assertThat(unbounded.images()).extracting(PlannedImage::depth).contains(3);
        assertThat(unbounded.optimal()).isTrue();
        assertThat(bounded.images()).allSatisfy(image -> assertThat(image.depth()).isLessThanOrEqualTo(1));
        assertThat(bounded.storedBlocks()).isGreaterThan(bounded.unboundedBlocks());
        assertThat(bounded.optimal()).isFalse();
        assertThat(bounded.unboundedBlocks()).isEqualTo(unbounded.storedBlocks());
    }

    @Test
    void aNegativeChainDepthOrNoImagesAreRefused() {
        List<Signature> one = List.of(signature("a.img", blocks(new Random(6), 4, 0)));
        assertThatThrownBy(() -> BackingPlanner.plan(one, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackingPlanner.plan(List.of(), 8)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Digests of {@code count} blocks, the first {@code zeros} zero and the rest random. */
    static long[] blocks(Random random, int count, int zeros) {
        long[] digests = new long[2 * count];
        for (int b = zeros; b < count; b++) {
            digests[2 * b] = random.nextLong();
            digests[2 * b + 1] = random.nextLong() | 1;
        }
        return digests;
    }

    static void change(long[] digests, Random random, int... blocks) {
        for (int b : blocks) {
            digests[2 * b] = random.nextLong();
            digests[2 * b + 1] = random.nextLong() | 1;
        }
    }

    static Signature signature(String name, long[] digests) {
        return Signature.builder(HashAlgorithm.XXH128, BLOCK, (long) digests.length / 2 * BLOCK)
                .identity(new ImageIdentity(name, "", "raw", 0, 0, "")).digests(digests).build();
    }
}
