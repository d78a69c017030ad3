package org.example.virtsimilarity.distance;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a distance measures. The id is what users type and what reports and histories record. */
public enum Measure {
    /**
     * Upstream's: block positions that differ. Right for clones of one template changed in place (and for what
     * {@code qemu-img rebase} would store); blind to data that moved, so a rebuilt image reads as unrelated.
     */
    POSITION("position"),
    /**
     * The share of data whose content is not in the other image, wherever it sits: right for images rebuilt from
     * scratch, whose file systems put the same files at other places.
     */
    CONTENT("content");

    private final String id;

    Measure(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Measure fromId(String id) {
        for (Measure measure : values()) {
            if (measure.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return measure;
            }
        }
        throw new IllegalArgumentException("unknown measure '" + id + "' (choose one of "
                + Arrays.stream(values()).map(Measure::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
