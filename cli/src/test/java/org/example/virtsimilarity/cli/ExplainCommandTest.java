package org.example.virtsimilarity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command refuses about {@code --explain} before it reads a disk (explanations themselves: ExplainIT). */
class ExplainCommandTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
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
    void aBaselineThatIsNotAnInputIsAOneLineErrorAndNothingIsPrinted() throws Exception {
        Path a = image("a.img", 1);
        Path b = image("b.img", 2);

        assertThat(run("--no-cache", "--explain-against", "c.img", a.toString(), b.toString())).isEqualTo(1);

        assertThat(err()).endsWith("virt-similarity: --explain-against c.img: no disk image of that name is among"
                + " the inputs\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private Path image(String name, long seed) throws Exception {
        byte[] data = new byte[256 * 1024];
        new Random(seed).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }
}
