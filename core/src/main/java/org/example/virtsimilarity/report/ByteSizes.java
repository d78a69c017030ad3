package org.example.virtsimilarity.report;

import java.util.Locale;

/** Sizes as disk tools print them: binary units with one decimal ({@code 64.0 MiB}), plain bytes below 1 KiB. */
public final class ByteSizes {
    private ByteSizes() {
    }

    public static String format(long bytes) {
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
