package org.example.virtsimilarity.analysis;

import java.util.Locale;
import org.example.virtsimilarity.Ids;

/** Which way images are read. */
public enum ReaderChoice {
    /** The fastest correct reader for each image: native for raw and qcow2, qemu-nbd for other formats (libguestfs
     *  where qemu-nbd is missing). */
    AUTO,
    /** Native readers only (raw and qcow2): any other image is an error. */
    NATIVE,
    /** qemu-nbd for every image, raw ones included. */
    NBD,
    /** libguestfs for every image, raw ones included (upstream's way, and a cross-check). */
    LIBGUESTFS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReaderChoice fromId(String id) {
        return Ids.parse(ReaderChoice.class, ReaderChoice::id, "reader", id);
    }
}
