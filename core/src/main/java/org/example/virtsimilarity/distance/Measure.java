package org.example.virtsimilarity.distance;

import org.example.virtsimilarity.Ids;

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
        return Ids.parse(Measure.class, Measure::id, "measure", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
