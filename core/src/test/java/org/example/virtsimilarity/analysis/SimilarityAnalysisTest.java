package org.example.virtsimilarity.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.LoopDevice;
import org.example.virtsimilarity.Qemu;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.ImageResult.Origin;
import org.example.virtsimilarity.cluster.Cladogram;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.signature.DigestScheme;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.SignatureFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarityAnalysisTest {
    @TempDir
    Path dir;
    Path base;
    Path clone;
    Path grandchild;
    Path other;
    final List<String> events = new ArrayList<>();
    final ProgressListener recorder = new ProgressListener() {
        @Override
        public void cached(DiskImage image) {
            events.add("cached " + image.name());
        }

        @Override
        public void reading(DiskImage image, String method) {
            events.add("reading " + image.name() + " " + method);
        }

        @Override
        public void warning(String message) {
            events.add("warning " + message);
        }
    };

    @BeforeEach
    void family() throws Exception {
        base = TestImages.raw(dir.resolve("base.img"), 64, 1, 60, 61, 62, 63);
        clone = TestImages.changedCopy(base, dir.resolve("clone.img"), 2, 1, 2, 3, 4, 5, 6);
        grandchild = TestImages.changedCopy(clone, dir.resolve("grandchild.img"), 3, 10, 11);
        other = TestImages.raw(dir.resolve("other.img"), 64, 4);
    }

    @Test
    void recoversTheGenealogy() {
        AnalysisResult result = run(List.of(other, grandchild, base, clone));

        // grandchild-clone (2) join first, then base (6), then other
        Cladogram.Node root = (Cladogram.Node) result.tree();
        assertThat(root.children()).hasSize(2);
        assertThat(root.children().get(1)).isEqualTo(new Cladogram.Leaf(0));
        Cladogram.Node family = (Cladogram.Node) root.children().get(0);
        assertThat(family.distance()).isEqualTo(6);
        assertThat(family.images()).containsExactlyInAnyOrder(1, 2, 3);
        Cladogram pair = family.children().stream().filter(c -> c instanceof Cladogram.Node).findFirst().orElseThrow();
        assertThat(pair.distance()).isEqualTo(2);
        assertThat(pair.images()).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void readsChangedImagesAgainAndTakesUnchangedOnesFromTheCache() throws Exception {
        run(List.of(base, clone));
        events.clear();
        TestImages.changedCopy(clone, clone, 9, 30);
        Files.setLastModifiedTime(clone, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));

        AnalysisResult result = run(List.of(base, clone));

        assertThat(events).containsExactly("cached base.img", "reading clone.img raw");
        assertThat(result.images()).extracting(ImageResult::origin).containsExactly(Origin.CACHE, Origin.READ);
        assertThat(result.distances().blocks(0, 1)).isEqualTo(7);
    }

    @Test
    void recoversFromACorruptCacheEntryAndRepairsIt() throws Exception {
        run(List.of(base, clone));
        try (var entries = Files.list(dir.resolve("cache"))) {
            for (Path entry : entries.toList()) {
                Files.write(entry, new byte[] {1, 2, 3});
            }
        }
        events.clear();

        AnalysisResult result = run(List.of(base, clone));

        assertThat(events).filteredOn(e -> e.startsWith("warning")).hasSize(2)
                .allMatch(e -> e.contains("not a valid signature file"));
        assertThat(result.distances().blocks(0, 1)).isEqualTo(6);
        events.clear();
        run(List.of(base, clone));
        assertThat(events).containsExactly("cached base.img", "cached clone.img");
    }

    @Test
    void comparesSignatureFilesWithImages() throws Exception {
        AnalysisResult first = run(List.of(base, clone));
        Path saved = dir.resolve("base-yesterday.vsig");
        SignatureFile.write(first.images().get(0).signature(), saved);

        AnalysisResult result = run(List.of(saved, clone));

        assertThat(result.images().get(0).origin()).isEqualTo(Origin.SIGNATURE_FILE);
        assertThat(result.images().get(0).name()).isEqualTo("base.img");
        assertThat(result.distances().blocks(0, 1)).isEqualTo(6);
    }

    @Test
    void aSignatureFileOfTheContentMeasureComparesByPositionWithImagesReadNow() throws Exception {
        AnalysisResult byContent = SimilarityAnalysis.run(AnalysisOptions.builder().inputs(List.of(base, clone))
                .measure(Measure.CONTENT).cacheEnabled(false).build(), recorder);
        Path saved = dir.resolve("base-content.vsig");
        SignatureFile.write(byContent.images().get(0).signature(), saved);
        Path position = dir.resolve("base-position.vsig");
        SignatureFile.write(run(List.of(base)).images().get(0).signature(), position);

        AnalysisResult result = run(List.of(saved, clone));

        // the image read now is hashed by sectors as the file was, so the blocks compare as a position run's do
        assertThat(result.images().get(1).signature().scheme()).isEqualTo(DigestScheme.SECTOR_DIGESTS);
        assertThat(result.distances().blocks(0, 1)).isEqualTo(6);
        assertThatThrownBy(() -> run(List.of(saved, position))).isInstanceOf(SimilarityException.class)
                .hasMessage("cannot compare base.img (65536-byte blocks, xxh128, digests of block bytes) with base.img"
                        + " (65536-byte blocks, xxh128, digests of sector digests)");
    }

    @Test
    void refusesASignatureFileMadeWithOtherSettings() throws Exception {
        AnalysisResult first = run(List.of(base, clone));
        Path saved = dir.resolve("base.vsig");
        SignatureFile.write(first.images().get(0).signature(), saved);

        AnalysisOptions sha = AnalysisOptions.builder().inputs(List.of(saved, clone)).algorithm(HashAlgorithm.SHA256)
                .cacheEnabled(false).build();

        assertThatThrownBy(() -> SimilarityAnalysis.run(sha, recorder)).isInstanceOf(SimilarityException.class)
                .hasMessage(saved + ": signature was made with 65536-byte blocks and xxh128, but this run uses"
                        + " 65536-byte blocks and sha256");
    }

    @Test
    void checksEveryInputBeforeReadingAny() {
        Path missing = dir.resolve("missing.img");

        assertThatThrownBy(() -> run(List.of(base, clone, missing))).hasMessage(missing + ": No such file or directory");
        assertThat(events).isEmpty();
    }

    @Test
    void aBlockDeviceIsReadLikeTheFileItHoldsAndNeverCached() throws Exception {
        Path cache = dir.resolve("cache");
        try (LoopDevice device = LoopDevice.attach(base)) {
            AnalysisResult result = SimilarityAnalysis.run(AnalysisOptions.builder().input(device.path()).input(base)
                    .cacheDirectory(cache).build(), recorder);

            assertThat(result.distances().blocks(0, 1)).isZero();
            // its content can change without its modification time changing: only the file's entry is stored
            try (java.util.stream.Stream<Path> entries = Files.list(cache)) {
                assertThat(entries).hasSize(1);
            }
        }
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeAnythingIsAllocated() throws Exception {
        // a 1 PiB qcow2 of a few hundred kilobytes: its signature would need 256 GiB
        Path huge = dir.resolve("huge.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", huge.toString(), "1P");

        assertThatThrownBy(() -> run(List.of(huge, base))).isInstanceOf(SimilarityException.class)
                .hasMessageStartingWith(huge + ": virtual size of 1125899906842624 bytes needs a signature of ")
                .hasMessageContaining("more than half of the Java heap");
    }

    private AnalysisResult run(List<Path> inputs) {
        return SimilarityAnalysis.run(AnalysisOptions.builder().inputs(inputs).cacheDirectory(dir.resolve("cache"))
                .build(), recorder);
    }
}
