package org.example.virtsimilarity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --backing-plan --apply-to} on the real image family (a template as raw, qcow2 and vmdk, clones changed with
 * guestfish, a qcow2 overlay, an unrelated image): the files it writes read exactly as the images do, take what the
 * plan predicted, and the images are left as they were.
 */
class BackingPlanIT {
    private static final List<String> IMAGES = List.of("base.img", "base.qcow2", "base.vmdk", "clone-a.img",
            "clone-a1.img", "clone-b.qcow2", "other.img");
    private static Path family;
    private static Path work;

    @BeforeAll
    static void family() throws Exception {
        family = ImageFamily.directory();
        work = Files.createTempDirectory(family.getParent(), "backing-plan");
    }

    @Test
    void theBuiltPlanReadsAsTheImagesTakesWhatItPredictedAndLeavesTheImagesAlone() throws Exception {
        Map<String, String> sums = new HashMap<>();
        Map<String, FileTime> times = new HashMap<>();
        for (String image : IMAGES) {
            sums.put(image, sha256(family.resolve(image)));
            times.put(image, Files.getLastModifiedTime(family.resolve(image)));
        }
        Path out = work.resolve("plan");

        Cli.Run run = Cli.run(family, args("--format", "json", "--apply-to", out.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(run.out());
        Map<String, String> parents = new HashMap<>();
        plan.get("images").forEach(image -> parents.put(image.get("name").asText(),
                image.get("parent").isNull() ? null : image.get("parent").asText()));
        // the copies store nothing over the template, the clones their changes over what they were cloned from
        assertThat(parents).containsEntry("base.qcow2", "base.img").containsEntry("base.vmdk", "base.img")
                .containsEntry("clone-a.img", "base.img").containsEntry("clone-a1.img", "clone-a.img")
                .containsEntry("clone-b.qcow2", "base.img");
        assertThat(plan.get("optimal").asBoolean()).isTrue();
        long allocated = 0;
        for (String image : IMAGES) {
            // base.img, base.qcow2 and base.vmdk share a name without extension, so they keep theirs
            String name = image.startsWith("base.") ? image + ".qcow2" : image.replaceFirst("\\.[^.]+$", ".qcow2");
            Path written = out.resolve(name);
            assertThat(command("qemu-img", "compare", "-q", written.toString(), family.resolve(image).toString()))
                    .as(image).isZero();
            allocated += blocks(written);
        }
        assertThat(info(out.resolve("clone-a1.qcow2"))).contains("\"backing-filename\": \"clone-a.qcow2\"");
        assertThat((double) allocated).isCloseTo(plan.get("storedBytes").asDouble(), Percentage.withPercentage(5));
        assertThat(plan.get("storedBytes").asLong()).isLessThan(plan.get("aloneBytes").asLong() / 2);
        try (var files = Files.list(out)) {
            assertThat(files.count()).isEqualTo(IMAGES.size());
        }
        for (String image : IMAGES) {
            assertThat(sha256(family.resolve(image))).as(image).isEqualTo(sums.get(image));
            assertThat(Files.getLastModifiedTime(family.resolve(image))).as(image).isEqualTo(times.get(image));
        }
        System.out.printf("backing plan of the image family: %d bytes as files of their own, %d as planned,"
                + " %d allocated%n", plan.get("aloneBytes").asLong(), plan.get("storedBytes").asLong(), allocated);
    }

    @Test
    void theDepthBoundHoldsAndAFolderThatHoldsFilesIsRefused() throws Exception {
        Cli.Run bounded = Cli.run(family, args("--format", "json", "--max-chain", "1"));

        assertThat(bounded.exitCode()).as(bounded.err()).isZero();
        new ObjectMapper().readTree(bounded.out()).get("images")
                .forEach(image -> assertThat(image.get("depth").asInt()).isLessThanOrEqualTo(1));

        Path taken = Files.createDirectories(work.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        Cli.Run refused = Cli.run(family, args("--apply-to", taken.toString()));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).endsWith("virt-similarity: " + taken
                + ": is not empty; nothing was written (use --force to write into it)\n");
        try (var files = Files.list(taken)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    private static List<String> args(String... options) {
        List<String> args = new ArrayList<>(List.of("--no-cache", "--backing-plan"));
        args.addAll(List.of(options));
        args.addAll(IMAGES);
        return args;
    }

    /** Bytes allocated on disk, as du counts them. */
    private static long blocks(Path file) throws Exception {
        Process process = new ProcessBuilder("du", "--block-size=1", file.toString()).start();
        String line = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return Long.parseLong(line.split("\\s+")[0]);
    }

    private static String info(Path file) throws Exception {
        Process process = new ProcessBuilder("qemu-img", "info", "--output=json", file.toString()).start();
        String text = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return text;
    }

    private static int command(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
