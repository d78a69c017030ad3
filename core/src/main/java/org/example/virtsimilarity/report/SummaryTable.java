package org.example.virtsimilarity.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.ImageVerdict;
import org.example.virtsimilarity.verdict.Thresholds;

/**
 * The gate's findings as a plain-text table for a build log: image, size, divergence, verdict, baseline; for the
 * content measure also the data that is new, that moved and that was removed.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static List<String> render(GateResult result) {
        boolean content = result.measure() == Measure.CONTENT;
        List<String[]> rows = new ArrayList<>();
        rows.add(content
                ? new String[] {"image", "size", "divergence", "new", "moved", "removed", "verdict", "baseline"}
                : new String[] {"image", "size", "divergence", "verdict", "baseline"});
        for (ImageVerdict image : result.images()) {
            List<String> row = new ArrayList<>(List.of(image.name(), ByteSizes.format(image.size()),
                    image.divergence().isPresent() ? Thresholds.percent(image.divergence().getAsDouble()) : "-"));
            if (content) {
                row.add(image.content().map(c -> ByteSizes.format(c.newBytes())).orElse("-"));
                row.add(image.content().map(c -> ByteSizes.format(c.movedBytes())).orElse("-"));
                row.add(image.content().map(c -> ByteSizes.format(c.removedBytes())).orElse("-"));
            }
            row.add(result.label(image));
            row.add(image.baseline().orElse("-"));
            rows.add(row.toArray(String[]::new));
        }
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            // the image, verdict and baseline left-aligned, the figures right-aligned
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                boolean left = c == 0 || c >= columns - 2;
                line.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%" + (left ? "-" : "")
                        + widths[c] + "s", row[c]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
