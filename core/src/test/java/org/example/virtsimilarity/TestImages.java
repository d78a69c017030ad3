package org.example.virtsimilarity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.example.virtsimilarity.backing.BackingChains;
import org.example.virtsimilarity.backing.BackingPolicy;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.ImageProbe;

/** Writes small raw disk images with known content: random blocks, zero blocks, and blocks changed later. */
public final class TestImages {
    public static final int BLOCK = 65536;

    private TestImages() {
    }

    /** An image's backing chain as an analysis approves it by default (backing files in the image's folder). */
    public static BackingChain chain(Path image) {
        return BackingChains.resolve(ImageProbe.probe(image), BackingPolicy.imageFolderOnly());
    }

    /** An image of {@code blocks} blocks: block i is random (from the seed) unless listed in {@code zeroBlocks}. */
    public static Path raw(Path file, int blocks, long seed, int... zeroBlocks) throws IOException {
        return raw(file, (long) blocks * BLOCK, seed, zeroBlocks);
    }

    public static Path raw(Path file, long bytes, long seed, int... zeroBlocks) throws IOException {
        byte[] data = new byte[(int) bytes];
        new Random(seed).nextBytes(data);
        for (int block : zeroBlocks) {
            java.util.Arrays.fill(data, block * BLOCK, Math.min(data.length, (block + 1) * BLOCK), (byte) 0);
        }
        Files.write(file, data);
        return file;
    }

    /**
     * Two nights of a build gate under {@code dir}: {@code night1/} and {@code night2/}, each with web.img and
     * db.img, where night 2 rebuilds web.img with 6 of its 60 data blocks changed (10 %) and db.img unchanged.
     */
    public static void twoNights(Path dir) throws IOException {
        Path night1 = Files.createDirectories(dir.resolve("night1"));
        Path night2 = Files.createDirectories(dir.resolve("night2"));
        Path web = raw(night1.resolve("web.img"), 64, 1, 60, 61, 62, 63);
        Path db = raw(night1.resolve("db.img"), 32, 2);
        changedCopy(web, night2.resolve("web.img"), 3, 1, 2, 3, 4, 5, 6);
        Files.copy(db, night2.resolve("db.img"));
    }

    /** Overwrites the given blocks of a copy of {@code source} with fresh random data. */
    public static Path changedCopy(Path source, Path file, long seed, int... blocks) throws IOException {
        byte[] data = Files.readAllBytes(source);
        Random random = new Random(seed);
        for (int block : blocks) {
            byte[] fresh = new byte[BLOCK];
            random.nextBytes(fresh);
            System.arraycopy(fresh, 0, data, block * BLOCK, Math.min(BLOCK, data.length - block * BLOCK));
        }
        Files.write(file, data);
        return file;
    }
}
