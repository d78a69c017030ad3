package org.example.virtsimilarity.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The gate's findings as a plain-text table for a build log: image, size, divergence, verdict. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static List<String> render(GateResult result) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"image", "size", "divergence", "verdict", "baseline"});
        for (ImageVerdict image : result.images()) {
            rows.add(new String[] {image.name(), size(image.size()),
                image.divergence().isPresent() ? Thresholds.percent(image.divergence().getAsDouble()) : "-",
                image.verdict().label(), image.baseline().orElse("-")});
        }
        int[] widths = new int[5];
        rows.forEach(row -> {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            // size and divergence right-aligned, the rest left-aligned
            lines.add(String.format(Locale.ROOT, "%-" + widths[0] + "s  %" + widths[1] + "s  %" + widths[2] + "s  %-"
                    + widths[3] + "s  %s", (Object[]) row).stripTrailing());
        }
        return lines;
    }

    /** A size in binary units with one decimal, as disk tools print it. */
    public static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
