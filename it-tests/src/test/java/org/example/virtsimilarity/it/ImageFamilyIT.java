package org.example.virtsimilarity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The command on real images made by qemu-img, virt-make-fs and guestfish. Runs share one cache folder and go in
 * order: the first run, made before any test, reads everything and fills the cache; later tests use and test the
 * cache. Tests that read the first run's report take it from there, so one failed test fails no other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageFamilyIT {
    private static final List<String> IMAGES = List.of("other.img", "clone-a1.img", "base.qcow2", "clone-b.qcow2",
            "base.img", "clone-a.img", "base.vmdk");
    private static Path family;
    private static Path cache;
    private static Cli.Run firstRun;

    @BeforeAll
    static void makeFamilyAndReadIt() throws Exception {
        family = ImageFamily.directory();
        cache = Files.createTempDirectory(family.getParent(), "cache");
        firstRun = Cli.run(family, args("--format", "json"));
    }

    /** The first run's JSON report. */
    private static JsonNode report() {
        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        try {
            return new ObjectMapper().readTree(firstRun.out());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> args(String... options) {
        List<String> args = new ArrayList<>(List.of("--cache-dir", cache.toString()));
        args.addAll(List.of(options));
        args.addAll(IMAGES);
        return args;
    }

    @Test
    @Order(1)
    void firstRunReadsEveryFormatAndRecoversTheGenealogy() throws Exception {
        Cli.Run run = firstRun;

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String image : IMAGES) {
            assertThat(run.err()).contains(image + ": reading disk image ...");
        }
        JsonNode root = report().get("tree");
        // the unrelated image joins last
        assertThat(root.get("children")).hasSize(2);
        assertThat(root.get("children").get(1).get("name").asText()).isEqualTo("other.img");
        // the first node formed, at distance 0, holds exactly the three copies of base
        assertThat(leavesOfNodeAt(root, 0)).containsExactlyInAnyOrder("base.img", "base.qcow2", "base.vmdk");
        // clone-a1 is closest to clone-a; both descend from base; clone-b (an overlay of base) is nearer than clone-a
        assertThat(distance("clone-a1.img", "clone-a.img")).isLessThan(distance("clone-a.img", "base.img"));
        assertThat(distance("clone-b.qcow2", "base.img")).isLessThan(distance("clone-a.img", "base.img"));
        assertThat(distance("clone-a.img", "base.img")).isLessThan(distance("base.img", "other.img"));
        assertThat(siblingNodeOf(root, "clone-a1.img")).containsExactlyInAnyOrder("clone-a1.img", "clone-a.img");
        // the overlay's probed format made it read its backing file: the log and the report say so
        assertThat(warnings(run)).containsExactly(overlayNotice());
        JsonNode overlay = images().get("clone-b.qcow2");
        assertThat(overlay.get("formatStated").asBoolean()).isFalse();
        assertThat(overlay.get("backing").toString()).isEqualTo("[\"" + family.resolve("base.img").toRealPath() + "\"]");
        assertThat(images().get("base.img").get("backing").size()).isZero();
    }

    private static List<String> warnings(Cli.Run run) {
        return run.err().lines().filter(line -> line.contains("warning")).toList();
    }

    /** The one warning a clean run over the family gives: the qcow2 overlay, probed, reads base.img. */
    private static String overlayNotice() {
        try {
            return "virt-similarity: warning: clone-b.qcow2: format qcow2 was told from the image's own bytes, and "
                    + "they make it read " + family.resolve("base.img").toRealPath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(2)
    void everyCopyOfBaseHasTheSameSignatureAsTheRawOriginal() {
        Map<String, JsonNode> images = images();
        JsonNode raw = images.get("base.img");
        for (String copy : List.of("base.qcow2", "base.vmdk")) {
            JsonNode other = images.get(copy);
            assertThat(other.get("size").asLong()).isEqualTo(raw.get("size").asLong());
            assertThat(other.get("zeroBlocks").asInt()).isEqualTo(raw.get("zeroBlocks").asInt());
            // distance 0: every block position has the same digest
            assertThat(distance(copy, "base.img")).isZero();
        }
        assertThat(raw.get("nonZeroBlocks").asInt()).isGreaterThan(200);
    }

    @Test
    @Order(2)
    void compressedCopiesReadAsTheRawOriginalAndTheCommandPrintsOnlyItsOwnLines() throws Exception {
        List<String> images = List.of("base.img", "compressed/base-zlib.qcow2", "compressed/base-zstd.qcow2");
        List<String> args = new ArrayList<>(List.of("--no-cache", "--format", "json"));
        args.addAll(images);
        Cli.Run run = Cli.run(family, args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the native decoders' loaders (GKL's logs through commons-logging) add nothing to stderr
        assertThat(run.err().lines()).containsExactlyElementsOf(
                images.stream().map(image -> image + ": reading disk image ...").toList());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (int i = 1; i < images.size(); i++) {
            assertThat(json.get("distanceBlocks").get(0).get(i).asInt()).as(images.get(i)).isZero();
            assertThat(json.get("images").get(i).get("zeroBlocks")).isEqualTo(json.get("images").get(0)
                    .get("zeroBlocks"));
        }
        // the same bytes come from the JDK's zlib too, so only the jar shows that ISA-L's inflater, what its loader
        // needs and the setting that silences it were packed
        try (ZipFile jar = new ZipFile(Cli.JAR.toFile())) {
            assertThat(List.of("com/intel/gkl/native/libgkl_compression.so", "org/apache/commons/io/FileUtils.class",
                    "org/apache/commons/logging/impl/NoOpLog.class", "commons-logging.properties",
                    "org/broadinstitute/gatk/nativebindings/NativeLibrary.class"))
                    .allSatisfy(entry -> assertThat(jar.getEntry(entry)).as(entry).isNotNull());
        }
    }

    @Test
    @Order(2)
    void libguestfsNbdAndNativeReadersAgreeOnEveryBlock() throws Exception {
        List<String> images = List.of("base.img", "base.qcow2", "clone-b.qcow2", "clone-a.img", "base.vmdk");
        JsonNode viaGuestfs = json("libguestfs", images);
        JsonNode viaNbd = json("nbd", images);
        JsonNode viaNative = json("native", images.subList(0, 4));

        assertThat(viaNbd.get("distanceBlocks")).isEqualTo(viaGuestfs.get("distanceBlocks"));
        assertThat(viaNbd.get("pairs")).isEqualTo(viaGuestfs.get("pairs"));
        for (int i = 0; i < images.size(); i++) {
            assertThat(viaNbd.get("images").get(i).get("zeroBlocks"))
                    .isEqualTo(viaGuestfs.get("images").get(i).get("zeroBlocks"));
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(viaNative.get("distanceBlocks").get(i).get(j))
                        .isEqualTo(viaGuestfs.get("distanceBlocks").get(i).get(j));
            }
        }
        assertThat(viaGuestfs.get("distanceBlocks").get(0).get(1).asInt()).isZero();
        assertThat(viaGuestfs.get("distanceBlocks").get(0).get(4).asInt()).isZero();
    }

    @Test
    @Order(2)
    void everyReaderGivesTheSameContentAndARebuildIsCloseInContent() throws Exception {
        List<String> images = List.of("base.img", "clone-b.qcow2", "clone-a.img", "rebuilt/base.img");
        JsonNode viaGuestfs = json("libguestfs", images, "--measure", "content");
        JsonNode viaNative = json("native", images, "--measure", "content");

        assertThat(viaNative.get("measure").asText()).isEqualTo("content");
        assertThat(viaNative.get("pairs")).isEqualTo(viaGuestfs.get("pairs"));
        for (int i = 0; i < images.size(); i++) {
            assertThat(viaNative.get("images").get(i).get("contentChunks"))
                    .isEqualTo(viaGuestfs.get("images").get(i).get("contentChunks"));
        }
        // base's files rebuilt by another tool with 1 MiB more: close in content, far by position. The symmetric
        // distance also counts what only base holds: the journal that virt-make-fs's kernel wrote
        double content = viaNative.get("divergencePercent").get(0).get(3).asDouble();
        double position = json("native", List.of("base.img", "rebuilt/base.img")).get("divergencePercent").get(0)
                .get(1).asDouble();
        assertThat(content).isLessThan(15);
        assertThat(position).isGreaterThan(50);
    }

    private static JsonNode json(String reader, List<String> images, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--no-cache", "--format", "json", "--reader", reader));
        args.addAll(List.of(options));
        args.addAll(images);
        Cli.Run run = Cli.run(family, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    @Order(3)
    void secondRunTakesEverythingFromTheCacheAndPrintsTheSameTree() throws Exception {
        Cli.Run first = Cli.run(family, args("-d"));
        Cli.Run second = Cli.run(family, args());

        assertThat(first.exitCode()).as(first.err()).isZero();
        for (String image : IMAGES) {
            assertThat(first.err()).contains(image + ": disk image is already in the cache");
        }
        assertThat(first.err()).doesNotContain("reading disk image");
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.out()).startsWith("---+---").contains("--- other.img\n");
    }

    @Test
    @Order(4)
    void aChangedImageIsReadAgainWhileTheOthersComeFromTheCache() throws Exception {
        Path changed = family.resolve("clone-a1.img");
        try (RandomAccessFile file = new RandomAccessFile(changed.toFile(), "rw")) {
            file.seek(40L * 65536);
            file.write(new byte[] {1, 2, 3, 4});
        }
        Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 3000));

        Cli.Run run = Cli.run(family, args("-d", "--format", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("clone-a1.img: reading disk image ...");
        assertThat(run.err().lines().filter(line -> line.endsWith("already in the cache"))).hasSize(6);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("images").get(1).get("source").asText()).isEqualTo("read");
    }

    @Test
    @Order(5)
    void aCorruptCacheEntryIsReportedAndRecomputed() throws Exception {
        try (var entries = Files.list(cache)) {
            Path entry = entries.filter(p -> p.toString().endsWith(".vsig")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(entry, bytes);
        }

        Cli.Run run = Cli.run(family, args());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsOnlyOnce("warning: cache entry ").contains("checksum mismatch");
        assertThat(run.out()).contains("--- other.img");
        Cli.Run again = Cli.run(family, args());
        assertThat(warnings(again)).containsExactly(overlayNotice());
    }

    @Test
    @Order(6)
    void damagedImagesGiveOneLineErrorsNamingTheFile() throws Exception {
        Path truncated = family.resolve("truncated.qcow2");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(family.resolve("base.qcow2")), 1024));
        Path text = Files.writeString(family.resolve("readme.txt"), "not an image\n");
        Path orphan = family.resolve("orphan.qcow2");
        Process create = new ProcessBuilder("qemu-img", "create", "-q", "-u", "-f", "qcow2", "-F", "raw", "-b",
                "deleted-base.img", orphan.toString(), "64M").inheritIO().start();
        assertThat(create.waitFor()).isZero();

        for (Path bad : List.of(truncated, text, orphan, family.resolve("missing.img"))) {
            Cli.Run run = Cli.run(family, List.of("--no-cache", "base.img", bad.getFileName().toString()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).singleElement().asString()
                    .startsWith("virt-similarity: " + bad.getFileName() + ": ");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    @Order(7)
    void twoConcurrentRunsShareOneCacheAndLeaveItConsistent() throws Exception {
        Path shared = Files.createTempDirectory(family.getParent(), "shared-cache");
        List<String> args = new ArrayList<>(List.of("--cache-dir", shared.toString(), "--format", "json"));
        args.addAll(IMAGES);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> Cli.run(family, args));
            var second = pool.submit(() -> Cli.run(family, args));
            Cli.Run a = first.get();
            Cli.Run b = second.get();
            assertThat(a.exitCode()).as(a.err()).isZero();
            assertThat(b.exitCode()).as(b.err()).isZero();
            assertThat(a.out()).isEqualTo(b.out());
        } finally {
            pool.shutdown();
        }
        List<String> again = new ArrayList<>(List.of("-d", "--cache-dir", shared.toString()));
        again.addAll(IMAGES);
        Cli.Run third = Cli.run(family, again);
        assertThat(warnings(third)).containsExactly(overlayNotice());
        assertThat(third.err().lines().filter(line -> line.endsWith("already in the cache"))).hasSize(IMAGES.size());
        try (var entries = Files.list(shared)) {
            assertThat(entries.map(p -> p.getFileName().toString())).allMatch(name -> name.endsWith(".vsig"))
                    .hasSize(IMAGES.size());
        }
    }

    @Test
    @Order(8)
    void imagesAreReadOnlyAndNeverModified() throws Exception {
        Map<String, String> before = new HashMap<>();
        for (String image : IMAGES) {
            Path path = family.resolve(image);
            before.put(image, digest(path) + "@" + Files.getLastModifiedTime(path).toMillis());
        }

        for (String reader : List.of("auto", "nbd")) {
            List<String> args = new ArrayList<>(List.of("--no-cache", "--reader", reader));
            args.addAll(IMAGES);
            assertThat(Cli.run(family, args).exitCode()).isZero();
        }

        for (String image : IMAGES) {
            Path path = family.resolve(image);
            assertThat(digest(path) + "@" + Files.getLastModifiedTime(path).toMillis()).as(image)
                    .isEqualTo(before.get(image));
        }
    }

    private static String digest(Path file) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static Map<String, JsonNode> images() {
        Map<String, JsonNode> images = new HashMap<>();
        report().get("images").forEach(image -> images.put(image.get("name").asText(), image));
        return images;
    }

    private static int distance(String a, String b) {
        Map<String, JsonNode> images = images();
        return report().get("distanceBlocks").get(images.get(a).get("index").asInt())
                .get(images.get(b).get("index").asInt()).asInt();
    }

    private static List<String> leavesOfNodeAt(JsonNode tree, int distance) {
        if (tree.has("children")) {
            if (tree.get("distance").asInt() == distance) {
                return leaves(tree);
            }
            for (JsonNode child : tree.get("children")) {
                List<String> found = leavesOfNodeAt(child, distance);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return List.of();
    }

    /** The leaves of the smallest node that holds the named leaf. */
    private static List<String> siblingNodeOf(JsonNode tree, String name) {
        for (JsonNode child : tree.get("children")) {
            if (child.has("children") && leaves(child).contains(name)) {
                return siblingNodeOf(child, name);
            }
        }
        return leaves(tree);
    }

    private static List<String> leaves(JsonNode tree) {
        List<String> names = new ArrayList<>();
        if (tree.has("name")) {
            names.add(tree.get("name").asText());
        } else {
            tree.get("children").forEach(child -> names.addAll(leaves(child)));
        }
        return names;
    }
}
