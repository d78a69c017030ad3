package org.example.virtsimilarity.distance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.example.virtsimilarity.Qemu;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.example.virtsimilarity.report.TextCladogram;
import org.example.virtsimilarity.signature.ContentFingerprints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content measure on real file systems rebuilt from scratch by {@code mke2fs -d}, as image factories rebuild
 * their images every night: a rebuild and a rebuild with a few MB added stay low whatever the file system's block
 * size and the partition's alignment, an unrelated tree is far, and every reader gives the same fingerprints.
 */
class ContentMeasureTest {
    @TempDir
    static Path dir;
    static Path tree;
    static Path grown;
    static Path other;

    @BeforeAll
    static void trees() throws IOException {
        tree = tree(dir.resolve("tree"), 11);
        grown = tree(dir.resolve("grown"), 11);
        // night 2: one new package of 2 MiB (5 % of the tree), in a directory of its own
        write(Files.createDirectories(grown.resolve("a-new/pkg")).resolve("payload.bin"), 2 << 20, 99);
        other = tree(dir.resolve("other"), 12);
    }

    @Test
    void aRebuildAndARebuildWithNewFilesAreCloseInContent() throws Exception {
        for (int block : new int[] {4096, 1024}) {
            Path night1 = ext4(tree, block, "night1-" + block + ".img");
            Path rebuilt = ext4(tree, block, "rebuilt-" + block + ".img");
            Path night2 = ext4(grown, block, "night2-" + block + ".img");
            Path unrelated = ext4(other, block, "other-" + block + ".img");

            AnalysisResult content = analyse(Measure.CONTENT, night1, rebuilt, night2, unrelated);
            ContentFingerprints base = content.images().get(0).signature().content().orElseThrow();
            ContentComparison rebuild = compare(content, 1, base);
            ContentComparison added = compare(content, 2, base);
            ContentComparison far = compare(content, 3, base);

            assertThat(rebuild.divergence()).as(block + "-byte blocks, rebuilt").isLessThan(0.10);
            assertThat(added.divergence()).as(block + "-byte blocks, 2 MiB added").isLessThan(0.10);
            // the new file is new data: at least its 2 MiB, not much more
            assertThat(added.newBytes()).isBetween(2L << 20, 3L << 20);
            // and the rest is not where it was: position cannot see that it is the same data
            assertThat(added.movedBytes()).isGreaterThan(added.sharedBytes() / 2);
            assertThat(far.divergence()).as(block + "-byte blocks, unrelated").isGreaterThan(0.90);
            assertThat(content.distances().measure()).isEqualTo(Measure.CONTENT);
        }
    }

    @Test
    void aPartitionAtSector63IsStillTheSameContent() throws Exception {
        Path night1 = ext4(tree, 1024, "aligned.img");
        Path night2 = ext4(grown, 1024, "misaligned-fs.img");
        // an old MBR layout: the file system starts 63 sectors in, so its 1 KiB blocks straddle the 1 KiB grid
        Path disk = dir.resolve("misaligned.img");
        long offset = 63 * 512L;
        try (RandomAccessFile out = new RandomAccessFile(disk.toFile(), "rw")) {
            out.setLength(offset + Files.size(night2) + (1 << 20));
            out.seek(offset);
            out.write(Files.readAllBytes(night2));
        }

        AnalysisResult content = analyse(Measure.CONTENT, night1, disk);
        ContentComparison moved = compare(content, 1, content.images().get(0).signature().content().orElseThrow());

        assertThat(moved.divergence()).isLessThan(0.10);
        assertThat(moved.movedBytes()).isGreaterThan(moved.sharedBytes() / 2);
    }

    @Test
    void everyReaderGivesTheSameFingerprints() throws Exception {
        Path raw = ext4(tree, 4096, "reader.img");
        Path qcow2 = dir.resolve("reader.qcow2");
        Qemu.img("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());
        Path compressed = dir.resolve("reader-zstd.qcow2");
        Qemu.img("convert", "-c", "-f", "raw", "-O", "qcow2", "-o", "compression_type=zstd", raw.toString(),
                compressed.toString());
        Path vmdk = dir.resolve("reader.vmdk");
        Qemu.img("convert", "-f", "raw", "-O", "vmdk", raw.toString(), vmdk.toString());

        AnalysisResult result = analyse(Measure.CONTENT, raw, qcow2, compressed, vmdk);

        ContentFingerprints expected = result.images().get(0).signature().content().orElseThrow();
        assertThat(expected.count()).isGreaterThan(1000);
        for (int i = 1; i < 4; i++) {
            assertThat(result.images().get(i).signature().content()).contains(expected);
            assertThat(result.distances().divergence(0, i)).isZero();
        }
    }

    @Test
    void aCloneChangedInPlaceRanksAlikeInBothMeasures() throws Exception {
        Path base = ext4(tree, 4096, "template.img");
        Path little = changed(base, "little.img", 2, 1);
        Path much = changed(base, "much.img", 12, 2);

        AnalysisResult position = analyse(Measure.POSITION, base, little, much);
        AnalysisResult content = analyse(Measure.CONTENT, base, little, much);

        assertThat(position.distances().divergence(0, 1)).isLessThan(position.distances().divergence(0, 2));
        assertThat(content.distances().divergence(0, 1)).isLessThan(content.distances().divergence(0, 2));
        assertThat(TextCladogram.render(content.tree(), content.names()))
                .isEqualTo(TextCladogram.render(position.tree(), position.names()));
    }

    private static ContentComparison compare(AnalysisResult result, int image, ContentFingerprints baseline) {
        return ContentComparison.of(result.images().get(image).signature().content().orElseThrow(), baseline);
    }

    private static AnalysisResult analyse(Measure measure, Path... images) {
        return SimilarityAnalysis.run(AnalysisOptions.builder().inputs(List.of(images)).measure(measure)
                .cacheEnabled(false).build(), ProgressListener.NONE);
    }

    /** A fresh ext4 of the tree, as a factory makes one each night. */
    private static Path ext4(Path source, int block, String name) throws Exception {
        Path image = dir.resolve(name);
        if (!Files.exists(image)) {
            Qemu.run("mke2fs", "-q", "-F", "-t", "ext4", "-b", Integer.toString(block), "-d", source.toString(),
                    image.toString(), block == 1024 ? "120M" : "160M");
        }
        return image;
    }

    /** A copy with {@code mebibytes} MiB overwritten in place in the middle of its data. */
    private static Path changed(Path source, String name, int mebibytes, long seed) throws IOException {
        Path copy = Files.copy(source, dir.resolve(name));
        byte[] data = new byte[mebibytes << 20];
        new Random(seed).nextBytes(data);
        try (RandomAccessFile out = new RandomAccessFile(copy.toFile(), "rw")) {
            out.seek(16L << 20);
            out.write(data);
        }
        return copy;
    }

    /** About 40 MB of files: many small ones, some large, some of them text, in nested directories. */
    private static Path tree(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        for (int d = 0; d < 20; d++) {
            Path folder = Files.createDirectories(root.resolve("usr/lib/pkg" + d));
            for (int f = 0; f < 30; f++) {
                int size = random.nextInt(4) == 0 ? 200_000 + random.nextInt(400_000) : 500 + random.nextInt(30_000);
                write(folder.resolve("file" + f + (f % 3 == 0 ? ".txt" : ".so")), size, random.nextLong());
            }
        }
        return root;
    }

    private static void write(Path file, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Files.write(file, data);
    }
}
