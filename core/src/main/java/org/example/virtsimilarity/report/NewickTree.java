package org.example.virtsimilarity.report;

import java.util.List;
import org.example.virtsimilarity.cluster.Cladogram;

/**
 * The cladogram in Newick format, for phylogenetics viewers. A branch's length is the difference, in blocks, between
 * the distance at which its parent formed and the one at which it formed (0 for leaves), so leaves sit at the
 * distance where they joined. Labels that are not plain words are quoted.
 */
public final class NewickTree {
    private NewickTree() {
    }

    public static String render(Cladogram tree, List<String> labels) {
        StringBuilder out = new StringBuilder();
        append(out, tree, labels);
        return out.append(";\n").toString();
    }

    private static void append(StringBuilder out, Cladogram tree, List<String> labels) {
        if (tree instanceof Cladogram.Leaf leaf) {
            out.append(label(labels.get(leaf.image())));
            return;
        }
        Cladogram.Node node = (Cladogram.Node) tree;
        out.append('(');
        for (int i = 0; i < node.children().size(); i++) {
            Cladogram child = node.children().get(i);
            if (i > 0) {
                out.append(',');
            }
            append(out, child, labels);
            out.append(':').append(node.distance() - child.distance());
        }
        out.append(')');
    }

    static String label(String name) {
        if (!name.isEmpty() && name.chars().noneMatch(c -> " \t\r\n()[]':;,_".indexOf(c) >= 0)) {
            return name;
        }
        return "'" + name.replace("'", "''") + "'";
    }
}
