package org.example.virtsimilarity.report;

import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.cluster.Cladogram;

/**
 * Upstream's text cladogram, byte for byte: a leaf is {@code "--- name"} and a blank line; a node prefixes its first
 * child's first line with {@code "---+---"}, other children's first lines with {@code "   +---"}, and the rest of
 * each child's lines with {@code "   |   "}, or with seven spaces under the last child. Lines keep upstream's
 * trailing spaces.
 */
public final class TextCladogram {
    private TextCladogram() {
    }

    public static List<String> lines(Cladogram tree, List<String> labels) {
        if (tree instanceof Cladogram.Leaf leaf) {
            return List.of("--- " + labels.get(leaf.image()), "");
        }
        List<Cladogram> children = ((Cladogram.Node) tree).children();
        List<String> lines = new ArrayList<>();
        for (int row = 0; row < children.size(); row++) {
            List<String> child = lines(children.get(row), labels);
            lines.add((row == 0 ? "---+---" : "   +---") + child.get(0));
            String continuation = row == 0 || row < children.size() - 1 ? "   |   " : "       ";
            for (String line : child.subList(1, child.size())) {
                lines.add(continuation + line);
            }
        }
        return lines;
    }

    /** The cladogram as upstream prints it: every line followed by a newline. */
    public static String render(Cladogram tree, List<String> labels) {
        StringBuilder text = new StringBuilder();
        lines(tree, labels).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
