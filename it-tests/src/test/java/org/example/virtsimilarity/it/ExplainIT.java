package org.example.virtsimilarity.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.explain.ExplainOptions;
import org.example.virtsimilarity.explain.ExplainRequest;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.FileChange;
import org.example.virtsimilarity.explain.GuestExplainer;
import org.example.virtsimilarity.explain.VolumeShare;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explanations on real images built from scratch by {@code mke2fs -d}, where the test knows what changed: a package
 * added under /opt, config files edited, a log truncated, a file deleted, on a rebuilt file system (so every block
 * moved), and a partitioned disk where one of two file systems changed.
 */
class ExplainIT {
    private static final int[] REBUILT = {0, 50, 100, 150};
    private static final String[] REBUILT_PATHS = java.util.Arrays.stream(REBUILT)
            .mapToObj(i -> "/usr/share/doc/pkg0/file" + i + ".txt").toArray(String[]::new);
    @TempDir
    static Path dir;
    private static Path baselineTree;
    private static Path changedTree;

    @BeforeAll
    static void trees() throws Exception {
        baselineTree = GuestTrees.systemTree(dir.resolve("night1"), 300);
        changedTree = GuestTrees.copy(baselineTree, dir.resolve("night2"));
        Random random = new Random(7);
        for (int i = 0; i < 3; i++) {
            GuestTrees.write(changedTree.resolve("opt/pkg/lib" + i + ".so"), GuestTrees.bytes(random, 500_000));
        }
        Path conf = changedTree.resolve("etc/app.conf");
        Files.writeString(conf, "listen = 9090\nworkers = 16\ntls = on\n");
        Path sameSize = changedTree.resolve("etc/same-size.conf");
        Files.writeString(sameSize, "mode = slow\n");
        Files.write(changedTree.resolve("var/log/app.log"), new byte[0]);
        // most of one package's files rebuilt with new content of the same sizes: only checksums tell, in one call
        for (int i : REBUILT) {
            Path doc = changedTree.resolve("usr/share/doc/pkg0/file" + i + ".txt");
            Files.write(doc, GuestTrees.bytes(random, (int) Files.size(doc)));
        }
        Files.delete(changedTree.resolve("home/user/old.txt"));
        // touched, same content: a rebuild's noise, not a change
        Files.setLastModifiedTime(changedTree.resolve("etc/touched.conf"), java.nio.file.attribute.FileTime
                .fromMillis(1_800_000_000_000L));
    }

    private static AnalysisOptions options(List<Path> inputs) {
        return AnalysisOptions.builder().measure(Measure.CONTENT).inputs(inputs).build();
    }

    private static Explanation explain(Path image, Path baseline, ExplainOptions budgets) {
        AnalysisOptions options = options(List.of(image, baseline));
        List<ImageResult> signed = ImageSigning.sign(options, ProgressListener.NONE);
        ExplainRequest request = new ExplainRequest(image, Optional.empty(), signed.get(0).signature(),
                signed.get(1).signature(), Optional.of(baseline), Optional.empty());
        return new GuestExplainer(options, List.of(), budgets, ProgressListener.NONE).explain(List.of(request))
                .get(0);
    }

    private static Map<String, FileChange> byPath(Explanation explanation) {
        return explanation.files().stream().collect(Collectors.toMap(FileChange::path, c -> c));
    }

    @Test
    void namesExactlyTheChangedFilesOfARebuiltImage() throws Exception {
        Path baseline = GuestTrees.ext4(baselineTree, dir.resolve("night1.img"), "64M");
        Path rebuilt = GuestTrees.ext4(changedTree, dir.resolve("night2.raw"), "64M");
        Path image = dir.resolve("night2.qcow2");
        GuestTrees.run("qemu-img", "convert", "-O", "qcow2", rebuilt.toString(), image.toString());

        Explanation explanation = explain(image, baseline, ExplainOptions.defaults());

        assertThat(explanation.status()).as(explanation.notes().toString()).isEqualTo(Explanation.Status.COMPLETE);
        Map<String, FileChange> files = byPath(explanation);
        assertThat(files).containsOnlyKeys(concat(REBUILT_PATHS, "/opt/pkg/lib0.so", "/opt/pkg/lib1.so",
                "/opt/pkg/lib2.so", "/etc/app.conf", "/etc/same-size.conf", "/var/log/app.log", "/home/user/old.txt"));
        assertThat(files.get(REBUILT_PATHS[0]).change()).isEqualTo(FileChange.Change.CHANGED);
        assertThat(files.get("/opt/pkg/lib1.so").change()).isEqualTo(FileChange.Change.ADDED);
        assertThat(files.get("/opt/pkg/lib1.so").newSize()).isEqualTo(500_000);
        assertThat(files.get("/etc/app.conf").change()).isEqualTo(FileChange.Change.CHANGED);
        assertThat(files.get("/etc/same-size.conf").change()).isEqualTo(FileChange.Change.CHANGED);
        assertThat(files.get("/var/log/app.log")).extracting(FileChange::change, FileChange::oldSize,
                FileChange::newSize).containsExactly(FileChange.Change.CHANGED, 1L << 20, 0L);
        assertThat(files.get("/home/user/old.txt")).extracting(FileChange::change, FileChange::oldSize)
                .containsExactly(FileChange.Change.REMOVED, 300_000L);
        // largest first: the log that lost 1 MiB, then the three libraries
        assertThat(explanation.files()).extracting(FileChange::path).startsWith("/var/log/app.log",
                "/opt/pkg/lib0.so", "/opt/pkg/lib1.so", "/opt/pkg/lib2.so");
        assertThat(explanation.directories().get(0).directory()).isEqualTo("/opt");
        assertThat(explanation.directories().get(0).addedBytes()).isEqualTo(1_500_000);
        assertThat(explanation.fileCount()).isEqualTo(11);
        // one file system on the whole disk holds all the divergence
        assertThat(explanation.volumes()).hasSize(1);
        VolumeShare disk = explanation.volumes().get(0);
        assertThat(disk.kind()).isEqualTo(VolumeShare.Kind.DISK);
        assertThat(disk.fsType()).isEqualTo("ext4");
        assertThat(disk.filesCompared()).isTrue();
        assertThat(disk.positionBytes()).isEqualTo(explanation.positionBytes()).isPositive();
        assertThat(disk.contentNewBytes()).isEqualTo(explanation.contentNewBytes()).isPositive();
    }

    @Test
    void aPartitionedDiskWhereOneFileSystemChanged() throws Exception {
        Path boot = GuestTrees.copy(baselineTree.resolve("etc"), dir.resolve("boot-tree"));
        Path baseline = dir.resolve("disk1.img");
        GuestTrees.run("truncate", "-s", "160M", baseline.toString());
        GuestTrees.ext4At(boot, baseline, 1 << 20, "40M");
        GuestTrees.ext4At(baselineTree, baseline, 41 << 20, "100M");
        partition(baseline);
        Path image = dir.resolve("disk2.img");
        Files.copy(baseline, image);
        GuestTrees.ext4At(changedTree, image, 41 << 20, "100M");

        Explanation explanation = explain(image, baseline, ExplainOptions.defaults());

        assertThat(explanation.status()).as(explanation.notes().toString()).isEqualTo(Explanation.Status.COMPLETE);
        List<VolumeShare> cover = explanation.volumes().stream().filter(VolumeShare::coversDisk).toList();
        assertThat(cover).extracting(VolumeShare::device).containsExactly("/dev/sda1", "/dev/sda2", "/dev/sda");
        assertThat(cover.get(0).positionBytes()).isZero();
        assertThat(cover.get(0).contentNewBytes()).isZero();
        assertThat(cover.get(1).positionBytes()).isPositive();
        assertThat(cover.stream().mapToLong(VolumeShare::positionBytes).sum()).isEqualTo(explanation.positionBytes());
        assertThat(cover.stream().mapToLong(VolumeShare::contentNewBytes).sum())
                .isEqualTo(explanation.contentNewBytes());
        assertThat(explanation.files()).allMatch(f -> f.device().equals("/dev/sda2"));
        assertThat(byPath(explanation)).containsKeys("/opt/pkg/lib0.so", "/home/user/old.txt").hasSize(11);
    }

    @Test
    void aHostileFileNameIsReportedAsItIs() throws Exception {
        Path tree = GuestTrees.copy(baselineTree, dir.resolve("hostile-tree"));
        String name = "evil\n<script>alert(1)</script>&.txt";
        GuestTrees.write(tree.resolve("tmp").resolve(name), "x".getBytes(StandardCharsets.UTF_8));
        Path baseline = GuestTrees.ext4(baselineTree, dir.resolve("plain.img"), "64M");
        Path image = GuestTrees.ext4(tree, dir.resolve("hostile.img"), "64M");

        Explanation explanation = explain(image, baseline, ExplainOptions.defaults());

        assertThat(explanation.files()).extracting(FileChange::path).containsExactly("/tmp/" + name);
    }

    @Test
    void manyTinyFilesAndLoopsOfLinksStopAtTheEntryBudgetWithAPartialMark() throws Exception {
        Path tree = GuestTrees.copy(baselineTree, dir.resolve("crowded-tree"));
        for (int i = 0; i < 30_000; i++) {
            Path file = tree.resolve("var/spool/d" + (i % 30) + "/f" + i);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[] {(byte) i});
        }
        Files.createSymbolicLink(tree.resolve("loop-a"), Path.of("loop-b"));
        Files.createSymbolicLink(tree.resolve("loop-b"), Path.of("loop-a"));
        Files.createSymbolicLink(tree.resolve("var/spool/root"), Path.of("/"));
        Path baseline = GuestTrees.ext4(baselineTree, dir.resolve("calm.img"), "64M");
        Path image = GuestTrees.ext4(tree, dir.resolve("crowded.img"), "128M");

        Explanation explanation = explain(image, baseline, ExplainOptions.defaults().withMaxEntries(10_000));

        assertThat(explanation.status()).isEqualTo(Explanation.Status.PARTIAL);
        assertThat(explanation.volumes().get(0).note()).contains("the listing stopped at its limit of entries");
        assertThat(explanation.fileCount()).isLessThan(10_000);
        // links are listed as links, never followed
        assertThat(explanation.files()).filteredOn(f -> f.path().startsWith("/loop-"))
                .extracting(FileChange::detail).containsExactlyInAnyOrder("target loop-a", "target loop-b");
    }

    @Test
    void aCorruptFileSystemEndsInABoundedPartialExplanation() throws Exception {
        Path baseline = GuestTrees.ext4(baselineTree, dir.resolve("sound.img"), "64M");
        Path image = dir.resolve("corrupt.img");
        Files.copy(baseline, image);
        byte[] noise = GuestTrees.bytes(new Random(3), 4 << 20);
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            // the group descriptors and the first inode tables
            file.seek(4096);
            file.write(noise);
        }
        long start = System.nanoTime();

        Explanation explanation = explain(image, baseline, ExplainOptions.defaults()
                .withTimeLimit(Duration.ofSeconds(120)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(180));
        assertThat(explanation.status()).isIn(Explanation.Status.PARTIAL);
        assertThat(explanation.notes().isEmpty() ? explanation.volumes().get(0).note() : explanation.notes().get(0))
                .isNotBlank();
        assertThat(explanation.positionBytes()).isPositive();
    }

    @Test
    void theCommandPrintsTheExplanationBelowTheCladogramAndInItsJson() throws Exception {
        Path baseline = GuestTrees.ext4(baselineTree, dir.resolve("cli1.img"), "64M");
        Path image = GuestTrees.ext4(changedTree, dir.resolve("cli2.img"), "64M");

        Cli.Run text = Cli.run(dir, List.of("--no-cache", "--measure", "content", "--explain-against", "cli1.img",
                baseline.toString(), image.toString()));
        Cli.Run json = Cli.run(dir, List.of("--no-cache", "--measure", "content", "--explain", "--format", "json",
                baseline.toString(), image.toString()));

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.err()).contains("cli2.img: explaining against cli1.img ...");
        assertThat(text.out()).contains("+------ cli1.img")
                .contains("cli2.img against cli1.img: 11 files differ (added 1.4 MiB, removed 293.0 KiB, changed")
                .containsPattern("(?m)^  added +/opt/pkg/lib0\\.so  488\\.3 KiB$")
                .containsPattern("(?m)^  /dev/sda whole disk ext4 64\\.0 MiB: .* new data \\(100\\.0 %\\)$");
        assertThat(json.exitCode()).as(json.err()).isZero();
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        var explanation = report.get("explanations").get(0);
        assertThat(explanation.get("image").asText()).isEqualTo("cli2.img");
        assertThat(explanation.get("baseline").asText()).isEqualTo("cli1.img");
        assertThat(explanation.get("status").asText()).isEqualTo("complete");
        assertThat(explanation.get("fileCount").asInt()).isEqualTo(11);
        assertThat(explanation.get("addedBytes").asLong()).isEqualTo(1_500_000);
        assertThat(explanation.get("applianceMiB").asInt()).isPositive();
    }

    private static String[] concat(String[] first, String... rest) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(rest))
                .toArray(String[]::new);
    }

    private static void partition(Path disk) throws Exception {
        Process sfdisk = new ProcessBuilder("sfdisk", "--wipe", "never", "-q", disk.toString())
                .redirectErrorStream(true).start();
        sfdisk.getOutputStream().write(("label: dos\nstart=2048, size=81920, type=83\n"
                + "start=83968, size=204800, type=83\n").getBytes(StandardCharsets.US_ASCII));
        sfdisk.getOutputStream().close();
        String output = new String(sfdisk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sfdisk.waitFor()).as(output).isZero();
    }
}
