package org.example.virtsimilarity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackingPlanCommandTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    String base;
    String clone;

    @BeforeEach
    void images() throws IOException {
        byte[] data = new byte[8 * 65536];
        new Random(1).nextBytes(data);
        base = Files.write(dir.resolve("base.img"), data).toString();
        data[3 * 65536] ^= 1;
        clone = Files.write(dir.resolve("clone.img"), data).toString();
    }

    int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void printsThePlanAsATreeWithTheTotals() {
        assertThat(run("--no-cache", "--backing-plan", base, clone)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("base.img        772.0 KiB  alone\n+-- clone.img   324.0 KiB  over base.img\n")
                .contains("before: 2 images as qcow2 files of their own: 1.5 MiB\n");
    }

    @Test
    void buildsThePlanAndRefusesAFolderThatHoldsFilesUnlessForced() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-img")));
        Path plan = dir.resolve("plan");

        assertThat(run("--no-cache", "--backing-plan", "--format", "json", "--apply-to", plan.toString(), base,
                clone)).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"parent\" : \"base.img\"");
        assertThat(plan.resolve("base.qcow2")).isRegularFile();
        assertThat(plan.resolve("clone.qcow2")).isRegularFile();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(plan.resolve("clone.qcow2")
                + ": writing (over base.qcow2) ...\n").contains("virt-similarity: wrote 2 files to " + plan
                + ", each identical to its disk by qemu-img compare: ");
        err.reset();

        assertThat(run("--no-cache", "--backing-plan", "--apply-to", plan.toString(), base, clone)).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("virt-similarity: " + plan
                + ": is not empty; nothing was written (use --force to write into it)\n");
        assertThat(run("--no-cache", "--backing-plan", "--apply-to", plan.toString(), "--force", base, clone))
                .isZero();
    }

    @Test
    void optionsOfThePlanAreCheckedAsOneLineErrors() {
        assertThat(run("--apply-to", "x", base, clone)).isEqualTo(1);
        assertThat(run("--backing-plan", "--format", "csv", base, clone)).isEqualTo(1);
        assertThat(run("--backing-plan", "--measure", "content", base, clone)).isEqualTo(1);
        assertThat(run("--backing-plan", "--max-chain", "-1", base, clone)).isEqualTo(1);
        assertThat(run("--backing-plan", "--force", base, clone)).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("virt-similarity:")))
                .containsExactly("virt-similarity: option '--apply-to' needs --backing-plan",
                        "virt-similarity: --backing-plan prints text or json, not csv",
                        "virt-similarity: --backing-plan compares block positions, as qcow2 overlays store blocks;"
                                + " leave out --measure content",
                        "virt-similarity: --max-chain -1: must not be negative",
                        "virt-similarity: option '--force' needs --apply-to");
    }
}
