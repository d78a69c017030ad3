package org.example.virtsimilarity.storage;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Which image would be a qcow2 overlay on which, and what each would store. Immutable; made by
 * {@link BackingPlanner}.
 *
 * @param images          the images in the order given; {@link PlannedImage#parent()} refers to this order
 * @param blockSize       the block size, and the qcow2 cluster size of the files the plan is built as
 * @param maxChain        the most backing files any image may read through
 * @param unboundedBlocks the fewest blocks any plan stores when chains may be as deep as they like: a lower bound,
 *                        which this plan meets exactly when it is {@link #optimal()}
 */
public record BackingPlan(List<PlannedImage> images, int blockSize, int maxChain, long unboundedBlocks) {
    public BackingPlan {
        images = List.copyOf(images);
    }

    /** Bytes before: every image as a qcow2 file of its own. */
    public long aloneBytes() {
        return images.stream().mapToLong(PlannedImage::aloneBytes).sum();
    }

    /** Bytes after: the files as planned. */
    public long storedBytes() {
        return images.stream().mapToLong(PlannedImage::storedBytes).sum();
    }

    public long storedBlocks() {
        return images.stream().mapToLong(PlannedImage::storedBlocks).sum();
    }

    /**
     * Whether no plan within {@link #maxChain()} stores fewer blocks: proven when the cheapest unbounded plan fits the
     * bound. Where it does not, the plan is the depth bound's heuristic, and may or may not be the cheapest.
     */
    public boolean optimal() {
        return storedBlocks() == unboundedBlocks;
    }

    /** The indices of the images standing alone, or over image {@code parent}, in the order given. */
    public List<Integer> children(int parent) {
        return IntStream.range(0, images.size()).filter(i -> images.get(i).parent() == parent).boxed().toList();
    }

    /** The indices of all images, every parent before its overlays: the order to build them in. */
    public List<Integer> buildOrder() {
        return IntStream.range(0, images.size()).boxed()
                .sorted((a, b) -> Integer.compare(images.get(a).depth(), images.get(b).depth())).toList();
    }
}
