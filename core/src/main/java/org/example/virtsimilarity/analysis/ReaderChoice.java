package org.example.virtsimilarity.analysis;

import java.util.Locale;

/** Which way images are read. */
public enum ReaderChoice {
    /** The fastest correct reader for each image: native for raw and qcow2, libguestfs for the rest. */
    AUTO,
    /** Native readers only: an image no native reader can open is an error. */
    NATIVE,
    /** libguestfs for every image, raw ones included (upstream's way, and a cross-check). */
    LIBGUESTFS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReaderChoice fromId(String id) {
        for (ReaderChoice choice : values()) {
            if (choice.id().equals(id.toLowerCase(Locale.ROOT))) {
                return choice;
            }
        }
        throw new IllegalArgumentException("unknown reader '" + id + "' (choose one of auto, native, libguestfs)");
    }
}
