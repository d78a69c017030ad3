package org.example.virtsimilarity.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.example.virtsimilarity.Qemu;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.signature.SignatureFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanWriterTest {
    @TempDir
    Path dir;
    Path out;
    List<Path> inputs;
    AnalysisOptions options;

    @BeforeEach
    void images() throws Exception {
        assumeTrue(Qemu.isInstalled());
        Path base = TestImages.raw(dir.resolve("base.img"), 48, 1, 40, 41, 42, 43, 44, 45, 46, 47);
        Path clone = TestImages.changedCopy(base, dir.resolve("clone.img"), 2, 3, 4, 5);
        // a clone that zeroes data its parent has (the overlay must store those zeros) and has more data of its own
        Path zeroed = dir.resolve("zeroed.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", "-F", "raw", "-b", "base.img", zeroed.toString());
        Qemu.io(zeroed, "qcow2", "write -z 0 128k", "write -P 0x5a 2560k 192k");
        Path other = TestImages.raw(dir.resolve("other.img"), 20, 3);
        inputs = List.of(base, clone, zeroed, other);
        out = dir.resolve("plan");
        options = AnalysisOptions.builder().inputs(inputs).cacheEnabled(false).build();
    }

    @Test
    void writesEveryImageAsQcow2WithRelativeBackingNamesIdenticalToItsOriginal() throws Exception {
        Map<Path, byte[]> bytes = new HashMap<>();
        Map<Path, FileTime> times = new HashMap<>();
        for (Path input : inputs) {
            bytes.put(input, Files.readAllBytes(input));
            times.put(input, Files.getLastModifiedTime(input));
        }
        List<ImageResult> images = ImageSigning.sign(options, ProgressListener.NONE);
        BackingPlan plan = BackingPlanner.plan(images.stream().map(ImageResult::signature).toList(), 8);
        List<String> written = new ArrayList<>();

        WrittenPlan result = PlanWriter.write(plan, images, options, out, false, new ProgressListener() {
            @Override
            public void writing(Path file, String how) {
                written.add(file.getFileName() + " " + how);
            }
        });

        assertThat(plan.images()).extracting(PlannedImage::parent).containsExactly(-1, 0, 0, -1);
        assertThat(written).containsExactly("base.qcow2 alone", "other.qcow2 alone", "clone.qcow2 over base.qcow2",
                "zeroed.qcow2 over base.qcow2");
        try (var files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("base.qcow2", "clone.qcow2", "zeroed.qcow2", "other.qcow2");
        }
        assertThat(result.files()).containsExactly(out.resolve("base.qcow2"), out.resolve("clone.qcow2"),
                out.resolve("zeroed.qcow2"), out.resolve("other.qcow2"));
        for (int i = 0; i < inputs.size(); i++) {
            Qemu.img("compare", "-q", result.files().get(i).toString(), inputs.get(i).toString());
        }
        assertThat(info(out.resolve("clone.qcow2")))
                .contains("backing file: base.qcow2 (actual path: " + out.resolve("base.qcow2") + ")\n");
        assertThat(info(out.resolve("base.qcow2"))).doesNotContain("backing file");
        // within 5 % of the prediction, qcow2's metadata included
        assertThat((double) result.allocatedBytes()).isCloseTo(plan.storedBytes(),
                org.assertj.core.data.Percentage.withPercentage(5));
        for (Path input : inputs) {
            assertThat(Files.readAllBytes(input)).isEqualTo(bytes.get(input));
            assertThat(Files.getLastModifiedTime(input)).isEqualTo(times.get(input));
        }
    }

    @Test
    void aFolderThatHoldsFilesIsRefusedUnlessAsked() throws Exception {
        List<ImageResult> images = ImageSigning.sign(options, ProgressListener.NONE);
        BackingPlan plan = BackingPlanner.plan(images.stream().map(ImageResult::signature).toList(), 8);
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("base.qcow2"), "old");

        assertThatThrownBy(() -> PlanWriter.write(plan, images, options, out, false, ProgressListener.NONE))
                .isInstanceOf(SimilarityException.class).hasMessage(out + ": is not empty; nothing was written")
                .satisfies(e -> assertThat(((SimilarityException) e).remedy())
                        .contains(SimilarityException.Remedy.WRITE_INTO_NON_EMPTY_FOLDER));
        assertThat(Files.readString(out.resolve("base.qcow2"))).isEqualTo("old");

        PlanWriter.write(plan, images, options, out, true, ProgressListener.NONE);

        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
        Qemu.img("compare", "-q", out.resolve("base.qcow2").toString(), inputs.get(0).toString());
    }

    @Test
    void aFailureHalfWayLeavesNothingWritten() throws Exception {
        List<ImageResult> images = ImageSigning.sign(options, ProgressListener.NONE);
        BackingPlan plan = BackingPlanner.plan(images.stream().map(ImageResult::signature).toList(), 8);

        // the clone goes away after the bases were written: its overlay cannot be made
        assertThatThrownBy(() -> PlanWriter.write(plan, images, options, out, false, new ProgressListener() {
            @Override
            public void writing(Path file, String how) {
                if (file.getFileName().toString().equals("clone.qcow2")) {
                    inputs.get(1).toFile().delete();
                }
            }
        })).isInstanceOf(SimilarityException.class)
                .hasMessageStartingWith(inputs.get(1) + ": qemu-img create failed: ")
                .hasMessageEndingWith("; nothing was written");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSignatureFileHoldsNoDiskToWriteAndAnInputIsNeverReplaced() throws Exception {
        Path signature = dir.resolve("base.vsig");
        List<ImageResult> images = ImageSigning.sign(options, ProgressListener.NONE);
        SignatureFile.write(images.get(0).signature(), signature);
        AnalysisOptions withSignature = AnalysisOptions.builder().inputs(List.of(signature, inputs.get(3)))
                .cacheEnabled(false).build();
        List<ImageResult> signed = ImageSigning.sign(withSignature, ProgressListener.NONE);
        BackingPlan plan = BackingPlanner.plan(signed.stream().map(ImageResult::signature).toList(), 8);

        assertThatThrownBy(() -> PlanWriter.write(plan, signed, withSignature, out, false, ProgressListener.NONE))
                .hasMessageStartingWith(signature + ": is a signature file, which holds no disk to write");

        BackingPlan all = BackingPlanner.plan(images.stream().map(ImageResult::signature).toList(), 8);
        assertThatThrownBy(() -> PlanWriter.write(all, images, options, dir, true, ProgressListener.NONE))
                .hasMessage(inputs.get(2) + ": would be replaced by the plan's zeroed.qcow2 in " + dir
                        + "; write the plan to another folder");
        assertThat(Files.exists(inputs.get(2))).isTrue();
    }

    private static String info(Path image) throws Exception {
        Process process = new ProcessBuilder("qemu-img", "info", "-U", image.toString()).redirectErrorStream(true)
                .start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text;
    }
}
