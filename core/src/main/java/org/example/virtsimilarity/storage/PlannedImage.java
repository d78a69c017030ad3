package org.example.virtsimilarity.storage;

import java.util.Objects;

/**
 * One image of a {@link BackingPlan}.
 *
 * @param name         the image's label (its file name)
 * @param parent       the index of the image it would be an overlay on, or -1 where it stands alone
 * @param depth        the backing files under it: 0 alone, 1 over an image that stands alone, ...
 * @param storedBlocks the blocks it would store: alone its non-zero ones; as an overlay those that differ from its
 *                     parent, zero blocks over the parent's data included
 * @param storedBytes  the qcow2 file it would be: its blocks and qcow2's metadata ({@link Qcow2Layout})
 * @param aloneBytes   the qcow2 file it would be standing alone
 */
public record PlannedImage(String name, int parent, int depth, long storedBlocks, long storedBytes, long aloneBytes) {
    public PlannedImage {
        Objects.requireNonNull(name, "name");
        if (parent < -1 || depth < 0 || (parent < 0) != (depth == 0) || storedBlocks < 0) {
            throw new IllegalArgumentException("parent " + parent + " at depth " + depth + " storing " + storedBlocks);
        }
    }

    public boolean standsAlone() {
        return parent < 0;
    }
}
