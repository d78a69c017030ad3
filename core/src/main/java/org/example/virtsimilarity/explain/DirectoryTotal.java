package org.example.virtsimilarity.explain;

import java.io.Serializable;
import java.util.Objects;

/**
 * The changes under one top-level directory of the guest.
 *
 * @param directory     {@code /usr}, {@code /etc}, ... ({@code /} for files at the root)
 * @param files         how many files differ
 * @param addedBytes    bytes of added files
 * @param removedBytes  bytes of removed files
 * @param changedBytes  bytes of changed files (the larger of their two sizes)
 */
public record DirectoryTotal(String directory, int files, long addedBytes, long removedBytes, long changedBytes)
        implements Serializable {
    public DirectoryTotal {
        Objects.requireNonNull(directory, "directory");
    }

    public long bytes() {
        return addedBytes + removedBytes + changedBytes;
    }

    DirectoryTotal plus(FileChange change) {
        long bytes = change.bytes();
        return switch (change.change()) {
            case ADDED -> new DirectoryTotal(directory, files + 1, addedBytes + bytes, removedBytes, changedBytes);
            case REMOVED -> new DirectoryTotal(directory, files + 1, addedBytes, removedBytes + bytes, changedBytes);
            case CHANGED, UNCHECKED -> new DirectoryTotal(directory, files + 1, addedBytes, removedBytes,
                    changedBytes + bytes);
            case METADATA -> new DirectoryTotal(directory, files + 1, addedBytes, removedBytes, changedBytes);
        };
    }
}
