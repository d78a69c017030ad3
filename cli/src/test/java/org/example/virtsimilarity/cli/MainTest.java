package org.example.virtsimilarity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fewerThanTwoImagesIsUpstreamsError() throws Exception {
        assertThat(run(image("a.img", 1).toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("virt-similarity: At least two disk images must be specified.\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpShowsUpstreamsUsageShape() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("virt-similarity: Find clusters of similar/cloned virtual machines",
                "  virt-similarity [options] disk.img disk.img [disk.img ...]", "Options:", "--format FORMAT");
    }

    @Test
    void versionNamesTheProgram() {
        assertThat(run("-V")).isZero();
        assertThat(out()).matches("virt-similarity \\S+ \\(java\\)\n");
    }

    @Test
    void printsTheCladogramOnStdoutAndProgressOnStderr() throws Exception {
        Path a = image("a.img", 1);
        Path b = image("b.img", 2);

        assertThat(run("--no-cache", a.toString(), b.toString())).isZero();

        assertThat(out()).isEqualTo("---+------ b.img\n   |   \n   +------ a.img\n       \n");
        assertThat(err()).isEqualTo(a + ": reading disk image ...\n" + b + ": reading disk image ...\n");
    }

    @Test
    void badOptionValuesAreOneLineErrors() throws Exception {
        assertThat(run("--format", "xml", "a", "b")).isEqualTo(1);
        assertThat(err()).startsWith("virt-similarity: --format xml: unknown format 'xml' (choose one of text, json,");
        err.reset();
        assertThat(run("--block-size=3000", "a", "b")).isEqualTo(1);
        assertThat(err()).startsWith("virt-similarity: --block-size 3000: block size 3000 is not a power of two");
        err.reset();
        assertThat(run("--bogus", "a", "b")).isEqualTo(1);
        assertThat(err()).startsWith("virt-similarity: unknown option '--bogus'\n");
    }

    @Test
    void aDiskCannotMakeUsReadAHostFileAndAStatedFormatReadsItAsItIs() throws Exception {
        assumeTrue(new ProcessBuilder("qemu-img", "--version").start().waitFor() == 0, "qemu-img is installed");
        Path secret = Files.createDirectories(dir.resolve("host")).resolve("secret");
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        Files.write(secret, data);
        Path guest = Files.createDirectories(dir.resolve("guest")).resolve("guest.img");
        Path header = dir.resolve("header.qcow2");
        assertThat(new ProcessBuilder("qemu-img", "create", "-q", "-u", "-f", "qcow2", "-F", "raw", "-b",
                secret.toString(), header.toString(), "1M").inheritIO().start().waitFor()).isZero();
        // what a guest can write into the first sector of its own raw disk
        Files.write(guest, Arrays.copyOf(Files.readAllBytes(header), 1 << 20));
        Path guess = Files.copy(secret, dir.resolve("guess.img"));

        assertThat(run("--no-cache", "-d", guest.toString(), guess.toString())).isEqualTo(1);
        assertThat(err()).endsWith("virt-similarity: " + guest + ": refused backing file '" + secret + "': an "
                + "absolute path outside every allowed backing folder (to allow a folder: --allow-backing-dir DIR)\n");
        assertThat(err()).doesNotContain("distance from");
        err.reset();

        assertThat(run("--no-cache", "-d", "--input-format", "raw", guest.toString(), guess.toString())).isZero();
        assertThat(err()).contains(guest + ": reading disk image ... (raw, raw").containsPattern("distance from \\S+guest.img to \\S+guess.img "
                + "= [1-9]");
    }

    @Test
    void aBackingFileInAnAllowedFolderIsFollowed() throws Exception {
        assumeTrue(new ProcessBuilder("qemu-img", "--version").start().waitFor() == 0, "qemu-img is installed");
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Path base = Files.move(image("base.img", 3), templates.resolve("base.img"));
        Path overlay = Files.createDirectories(dir.resolve("vms")).resolve("vm.qcow2");
        assertThat(new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", base.toString(),
                overlay.toString()).inheritIO().start().waitFor()).isZero();

        assertThat(run("--no-cache", overlay.toString(), base.toString())).isEqualTo(1);
        assertThat(err()).contains("refused backing file '" + base + "'");
        err.reset();
        assertThat(run("--no-cache", "-d", "--allow-backing-dir", templates.toString(), overlay.toString(),
                base.toString())).isZero();
        assertThat(err()).contains("distance from " + overlay + " to " + base + " = 0")
                .contains(overlay + ": format qcow2 was told from the image's own bytes, and they make it read "
                        + base.toRealPath());
    }

    @Test
    void anUnknownInputFormatNamesTheChoices() {
        assertThat(run("--input-format", "iso", "a", "b")).isEqualTo(1);
        assertThat(err()).startsWith("virt-similarity: --input-format iso: unknown input format 'iso' (choose auto or"
                + " one of raw, qcow2, ");
    }

    @Test
    void badInputNamesTheFileAndWritesNoOutputFile() throws Exception {
        Path a = image("a.img", 1);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a disk\n");
        Path output = dir.resolve("result.txt");

        assertThat(run("--no-cache", "-o", output.toString(), a.toString(), notes.toString())).isEqualTo(1);

        assertThat(err()).isEqualTo("virt-similarity: " + notes
                + ": not a disk image: size 11 bytes is not a whole number of 512-byte sectors\n");
        assertThat(output).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.img", "notes.txt");
        }
    }

    @Test
    void writesTheChosenFormatToTheOutputFile() throws Exception {
        Path a = image("a.img", 1);
        Path b = image("b.img", 2);
        Path output = dir.resolve("tree.nwk");

        assertThat(run("--no-cache", "--format=newick", "--output", output.toString(), a.toString(), b.toString()))
                .isZero();

        assertThat(Files.readString(output)).isEqualTo("(b.img:4,a.img:4);\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void unwritableOutputIsAOneLineError() throws Exception {
        Path a = image("a.img", 1);
        Path b = image("b.img", 2);
        Path output = dir.resolve("no-such-dir/tree.txt");

        assertThat(run("--no-cache", "-o", output.toString(), a.toString(), b.toString())).isEqualTo(1);

        assertThat(err()).endsWith("virt-similarity: " + output + ": cannot write: No such file or directory\n");
    }

    @Test
    void theContentMeasureSeesDataThatMoved() throws Exception {
        // b holds a's data three sectors further in, as a rebuilt file system holds the same files elsewhere
        Path a = image("a.img", 1);
        byte[] data = Files.readAllBytes(a);
        Path b = Files.write(dir.resolve("b.img"), new byte[3 * 512]);
        Files.write(b, data, java.nio.file.StandardOpenOption.APPEND);
        Path c = image("c.img", 3);

        assertThat(run("--no-cache", "--debug", a.toString(), b.toString())).isZero();
        assertThat(err()).contains("distance from " + a + " to " + b + " = 5\n");
        err.reset();
        out.reset();
        assertThat(run("--no-cache", "--debug", "--measure", "content", "--format", "json", a.toString(),
                b.toString(), c.toString())).isZero();

        // all but the sectors at the edges of b's chunks match; c shares nothing
        assertThat(err()).containsPattern("distance from " + a + " to " + b + " = 0\\.0[0-9]{3} \\(content\\)");
        assertThat(err()).contains("distance from " + a + " to " + c + " = 1.0000 (content)");
        assertThat(out()).contains("\"measure\" : \"content\"", "\"dataBytes\" : 262144");
    }

    @Test
    void anUnknownMeasureIsAOneLineError() {
        assertThat(run("--measure", "shape", "a", "b")).isEqualTo(1);
        assertThat(err()).startsWith("virt-similarity: --measure shape: unknown measure 'shape' (choose one of "
                + "position, content)\n");
    }

    @Test
    void explanationsPrintAsTextOrJsonOnly() {
        assertThat(run("--explain", "--format", "csv", "a.img", "b.img")).isEqualTo(1);
        assertThat(err()).startsWith("virt-similarity: --explain prints with --format text or json, not csv\n");
        err.reset();
        assertThat(run("--explain", "--backing-plan", "a.img", "b.img")).isEqualTo(1);
        assertThat(err()).startsWith("virt-similarity: --explain explains the cladogram's images; leave out"
                + " --backing-plan\n");
        err.reset();
        assertThat(run("--explain-time", "0", "a.img", "b.img")).isEqualTo(1);
        assertThat(err()).startsWith("virt-similarity: --explain-time 0: must be positive\n");
    }

    @Test
    void anExplanationBaselineThatIsNotAnInputIsAOneLineErrorAndNothingIsPrinted() throws Exception {
        Path a = image("a.img", 1);
        Path b = image("b.img", 2);

        assertThat(run("--no-cache", "--explain-against", "c.img", a.toString(), b.toString())).isEqualTo(1);

        assertThat(err()).endsWith("virt-similarity: --explain-against c.img: no disk image of that name is among"
                + " the inputs\n");
        assertThat(out()).isEmpty();
    }

    private Path image(String name, long seed) throws IOException {
        byte[] data = new byte[4 * 65536];
        new Random(seed).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }
}
