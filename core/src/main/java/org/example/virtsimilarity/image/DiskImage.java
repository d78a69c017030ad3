package org.example.virtsimilarity.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An input that passed probing: where it is, what format it has and which version of the file it is.
 *
 * @param path          the path as the user gave it (used in messages)
 * @param realPath      the path with links resolved (used as the cache key)
 * @param format        the format it is read as
 * @param formatStated  whether the user stated the format (else it was told from the image's own first bytes)
 * @param fileSize      the size of the file on the host (for raw images, the virtual disk size)
 * @param modifiedNanos the file's modification time, nanoseconds since the epoch
 * @param fileKey       the file system's identity of the file (device and inode), or "" where there is none
 */
public record DiskImage(Path path, Path realPath, ImageFormat format, boolean formatStated, long fileSize,
                        long modifiedNanos, String fileKey) {
    public DiskImage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(realPath, "realPath");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fileKey, "fileKey");
    }

    /** The label of the image in reports: its file name, as upstream prints it. */
    public String name() {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
