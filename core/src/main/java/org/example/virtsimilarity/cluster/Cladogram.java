package org.example.virtsimilarity.cluster;

import java.util.ArrayList;
import java.util.List;

/** The tree of images: leaves are images (by index), nodes group subtrees that joined at one distance. */
public sealed interface Cladogram permits Cladogram.Leaf, Cladogram.Node {

    /** The distance at which this subtree formed: 0 for a leaf. */
    int distance();

    /** The image indexes under this subtree, in the tree's order. */
    default List<Integer> images() {
        List<Integer> images = new ArrayList<>();
        collect(this, images);
        return images;
    }

    private static void collect(Cladogram tree, List<Integer> into) {
        if (tree instanceof Leaf leaf) {
            into.add(leaf.image());
        } else {
            for (Cladogram child : ((Node) tree).children()) {
                collect(child, into);
            }
        }
    }

    /** One image. */
    record Leaf(int image) implements Cladogram {
        @Override
        public int distance() {
            return 0;
        }
    }

    /** Subtrees that were all at the same minimum single-linkage distance when they were grouped. */
    record Node(List<Cladogram> children, int distance) implements Cladogram {
        public Node {
            children = List.copyOf(children);
        }
    }
}
