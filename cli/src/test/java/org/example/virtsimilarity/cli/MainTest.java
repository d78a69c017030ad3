package org.example.virtsimilarity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Path image(String name, long seed) throws IOException {
        byte[] data = new byte[4 * 65536];
        new Random(seed).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }
}
