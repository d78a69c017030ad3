package org.example.virtsimilarity.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.DigestScheme;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;

/**
 * Signatures of images already read, one {@code .vsig} file an entry. An entry is named by the image's real path,
 * block size, hash and scheme (content signatures hash sector digests), and holds the image's identity (size,
 * modification time, device and inode): an image that changed, or was replaced by another file at the same path,
 * misses and is read again. Entries are written to a temporary file and renamed, so processes sharing the folder see
 * whole entries or none. A damaged or foreign entry is reported and treated as a miss; the fresh signature then
 * replaces it.
 */
public final class SignatureCache {
    /** A temporary file this old was left by a killed writer, not one still writing. */
    static final Duration STALE = Duration.ofHours(1);

    private final Path directory;
    private final Consumer<String> warnings;
    private final AtomicBoolean swept = new AtomicBoolean();

    /**
     * @param directory where entries live; made on first store
     * @param warnings  told, once per entry, about entries that could not be used
     */
    public SignatureCache(Path directory, Consumer<String> warnings) {
        this.directory = directory;
        this.warnings = warnings;
    }

    /** {@code $XDG_CACHE_HOME/virt-similarity}, or {@code ~/.cache/virt-similarity}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("virt-similarity");
    }

    public Path directory() {
        return directory;
    }

    /**
     * The cached signature of this version of the image, if there is a usable one.
     *
     * @param content whether it must hold content fingerprints, and so {@link DigestScheme#SECTOR_DIGESTS} (entries
     *                that do are kept apart from those that do not)
     */
    public Optional<Signature> lookup(DiskImage image, HashAlgorithm algorithm, int blockSize, boolean content) {
        if (!cacheable(image)) {
            return Optional.empty();
        }
        Path entry = entry(image, algorithm, blockSize, content);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        Signature cached;
        try {
            cached = SignatureFile.read(entry);
        } catch (SimilarityException e) {
            warnings.accept("cache entry " + e.getMessage() + "; reading " + image.path() + " again");
            return Optional.empty();
        }
        if (cached.algorithm() != algorithm || cached.blockSize() != blockSize
                || cached.content().isPresent() != content || cached.scheme() != scheme(content)) {
            warnings.accept("cache entry " + entry + " holds other settings (" + cached.settings() + "); reading "
                    + image.path() + " again");
            return Optional.empty();
        }
        if (!cached.identity().realPathEquals(image)) {
            warnings.accept("cache entry " + entry + " belongs to another image; reading " + image.path() + " again");
            return Optional.empty();
        }
        if (!cached.identity().matches(image)) {
            return Optional.empty();
        }
        return Optional.of(cached.withIdentity(cached.identity().withName(image.name())));
    }

    /** Stores a signature; a failure to write the cache is reported, not fatal. */
    public void store(DiskImage image, Signature signature) {
        if (!cacheable(image)) {
            return;
        }
        Path entry = entry(image, signature.algorithm(), signature.blockSize(), signature.content().isPresent());
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            SignatureFile.write(signature, entry);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // an entry too large for one file is a miss next time, not a failure now
            warnings.accept("cannot write cache entry " + entry + ": " + e.getMessage());
        }
        if (swept.compareAndSet(false, true)) {
            sweepStaleTemporaryFiles();
        }
    }

    /** Removes what writers killed mid-write left (entries are renamed into place, so no entry is ever partial). */
    private void sweepStaleTemporaryFiles() {
        Instant cutoff = Instant.now().minus(STALE);
        try (DirectoryStream<Path> temporary = Files.newDirectoryStream(directory, ".*" + SignatureFile.EXTENSION
                + ".*.tmp")) {
            for (Path file : temporary) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            warnings.accept("cannot clean up the cache folder " + directory + ": " + e.getMessage());
        }
    }

    private static DigestScheme scheme(boolean content) {
        return content ? DigestScheme.SECTOR_DIGESTS : DigestScheme.BLOCK_BYTES;
    }

    /** A block device's content changes without its modification time: its signature is never cached. */
    private static boolean cacheable(DiskImage image) {
        return Files.isRegularFile(image.realPath());
    }

    /**
     * The entry's file name: a 128-bit hash of what names it. Not a cryptographic one: a colliding name only makes two
     * images take turns in one entry (the entry holds its image's real path, so it is never taken for the other), and
     * xxh128 is at hand where the JDK's MessageDigest would cost a warm run tens of milliseconds of provider start-up.
     */
    Path entry(DiskImage image, HashAlgorithm algorithm, int blockSize, boolean content) {
        // an older version's content entries ("content", of block bytes) are not this version's
        byte[] name = (image.realPath() + "\n" + blockSize + "\n" + algorithm.id()
                + (content ? "\nsector-digests" : "")).getBytes(StandardCharsets.UTF_8);
        // the block kernel takes more than 240 bytes: zeros pad the name (a path holds no NUL, so no two names meet)
        byte[] key = Arrays.copyOf(name, (name.length / 256 + 1) * 256);
        long[] digest = new long[HashAlgorithm.XXH128.words()];
        HashAlgorithm.XXH128.newHasher().hash(ByteBuffer.wrap(key), 0, key.length, digest, 0);
        return directory.resolve(HexFormat.of().toHexDigits(digest[0]) + HexFormat.of().toHexDigits(digest[1])
                + SignatureFile.EXTENSION);
    }
}
