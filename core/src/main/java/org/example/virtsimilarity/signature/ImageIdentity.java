package org.example.virtsimilarity.signature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.example.virtsimilarity.image.DiskImage;

/**
 * Which file, in which version, a signature was made from. The cache compares it with the file on disk; a
 * {@code .vsig} file carries it so that a signature can be named and traced without the image.
 *
 * @param name          the image's label (its file name)
 * @param path          the real path of the image when it was read
 * @param format        the format it was read as (qemu's name)
 * @param fileSize      the size of the image file
 * @param modifiedNanos the file's modification time in nanoseconds since the epoch
 * @param fileKey       device and inode, or "" where the file system has none
 */
public record ImageIdentity(String name, String path, String format, long fileSize, long modifiedNanos,
                            String fileKey) {
    public ImageIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fileKey, "fileKey");
    }

    public static ImageIdentity of(DiskImage image) {
        return new ImageIdentity(image.name(), image.realPath().toString(), image.format().qemuName(),
                image.fileSize(), image.modifiedNanos(), image.fileKey());
    }

    /**
     * Whether this identity describes the same version of the same file as the image on disk now. Field by field: a
     * record's own equals is bootstrapped on first use, which costs a warm run a tenth of a second.
     */
    public boolean matches(DiskImage image) {
        return realPathEquals(image) && format.equals(image.format().qemuName()) && fileSize == image.fileSize()
                && modifiedNanos == image.modifiedNanos() && fileKey.equals(image.fileKey());
    }

    /** Whether this identity names the same file (by real path) as {@code image}, in whatever version. */
    public boolean realPathEquals(DiskImage image) {
        return path.equals(image.realPath().toString());
    }

    /** The same identity under another label. */
    public ImageIdentity withName(String newName) {
        return new ImageIdentity(newName, path, format, fileSize, modifiedNanos, fileKey);
    }

    Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("path", path);
        map.put("format", format);
        map.put("size", Long.toString(fileSize));
        map.put("mtime-ns", Long.toString(modifiedNanos));
        map.put("file-key", fileKey);
        return map;
    }

    static ImageIdentity fromMap(Map<String, String> map) {
        return new ImageIdentity(map.getOrDefault("name", ""), map.getOrDefault("path", ""),
                map.getOrDefault("format", ""), Long.parseLong(map.getOrDefault("size", "0")),
                Long.parseLong(map.getOrDefault("mtime-ns", "0")), map.getOrDefault("file-key", ""));
    }
}
