package org.example.virtsimilarity.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.example.virtsimilarity.storage.BackingPlan;
import org.example.virtsimilarity.storage.PlannedImage;

/**
 * A backing plan for people: the tree of backing files (each overlay under its parent, with the bytes each file would
 * take and what it stands on), then the totals before and after.
 */
public final class BackingPlanText {
    private BackingPlanText() {
    }

    public static String render(BackingPlan plan) {
        List<String[]> rows = new ArrayList<>();
        for (int root : plan.children(-1)) {
            add(plan, root, "", "", rows);
        }
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            text.append(String.format(Locale.ROOT, "%-" + width + "s  %10s  %s\n", row[0], row[1], row[2]));
        }
        text.append(String.format(Locale.ROOT, "\nbefore: %d images as qcow2 files of their own: %s\n",
                plan.images().size(), ByteSizes.format(plan.aloneBytes())));
        text.append(String.format(Locale.ROOT, "after:  as planned, chains at most %d backing files deep: %s"
                + " (%.1f %% of before)\n", plan.maxChain(), ByteSizes.format(plan.storedBytes()),
                plan.aloneBytes() == 0 ? 100.0 : 100.0 * plan.storedBytes() / plan.aloneBytes()));
        text.append(plan.optimal() ? "no plan stores fewer blocks\n"
                : String.format(Locale.ROOT, "the depth bound cut chains: without it a plan stores %d blocks, this"
                + " one %d\n", plan.unboundedBlocks(), plan.storedBlocks()));
        return text.toString();
    }

    /** The build log's line: "stored as overlays these 7 images would take 42.1 MiB instead of 148.3 MiB". */
    public static String summary(BackingPlan plan) {
        int n = plan.images().size();
        return "stored as overlays " + (n == 1 ? "this image" : "these " + n + " images") + " would take "
                + ByteSizes.format(plan.storedBytes()) + " instead of " + ByteSizes.format(plan.aloneBytes());
    }

    private static void add(BackingPlan plan, int image, String lead, String childLead, List<String[]> rows) {
        PlannedImage planned = plan.images().get(image);
        rows.add(new String[] {lead + planned.name(), ByteSizes.format(planned.storedBytes()),
            planned.standsAlone() ? "alone" : "over " + plan.images().get(planned.parent()).name()});
        List<Integer> children = plan.children(image);
        for (int k = 0; k < children.size(); k++) {
            boolean last = k == children.size() - 1;
            add(plan, children.get(k), childLead + "+-- ", childLead + (last ? "    " : "|   "), rows);
        }
    }
}
