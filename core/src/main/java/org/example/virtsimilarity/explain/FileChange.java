package org.example.virtsimilarity.explain;

import java.io.Serializable;
import java.util.Objects;

/**
 * One file that differs between an image and its baseline.
 *
 * @param device  the image's device of its file system ({@code /dev/sda1})
 * @param path    its path in the guest (the file system's mount point included where inspection knows it)
 * @param change  how it differs
 * @param type    what it is in the image (in the baseline, for a removed file)
 * @param oldSize its size in the baseline, or -1 where it has none
 * @param newSize its size in the image, or -1 where it has none
 * @param detail  what changed besides the content ("mode 0644 -> 0600", "target a -> b"), or ""
 */
public record FileChange(String device, String path, Change change, FileType type, long oldSize, long newSize,
                         String detail) implements Serializable {
    public FileChange {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }

    /** How a file differs. */
    public enum Change {
        ADDED, REMOVED, CHANGED,
        /** Same content, another mode or owner. */
        METADATA,
        /** Same size and another time; its content was not compared, as the checksum budget ran out. */
        UNCHECKED
    }

    /** The bytes it ranks by: the larger of its two sizes, so a truncated log ranks by what it lost. */
    public long bytes() {
        return Math.max(Math.max(oldSize, newSize), 0);
    }

    /** Its top-level directory ({@code /usr}, {@code /etc}), or {@code /} for a file at the root. */
    public String topDirectory() {
        int slash = path.indexOf('/', 1);
        return slash < 0 ? "/" : path.substring(0, slash);
    }
}
