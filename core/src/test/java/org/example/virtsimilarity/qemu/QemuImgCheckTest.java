package org.example.virtsimilarity.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuImgCheckTest {
    @TempDir
    Path dir;
    Path qcow2;

    @BeforeEach
    void makeImage() throws Exception {
        assumeTrue(QemuImgCheck.isAvailable(), "qemu-img is installed");
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        Path raw = Files.write(dir.resolve("data.img"), data);
        qcow2 = dir.resolve("data.qcow2");
        qemuImg("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());
    }

    @Test
    void passesASoundImage() {
        QemuImgCheck.check(ImageProbe.probe(qcow2), BackingChain.of(qcow2, ImageFormat.QCOW2));
    }

    @Test
    void catchesATruncatedImageThatQemuWouldReadAsZeros() throws Exception {
        Path truncated = dir.resolve("truncated.qcow2");
        byte[] bytes = Files.readAllBytes(qcow2);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> QemuImgCheck.check(ImageProbe.probe(truncated),
                BackingChain.of(truncated, ImageFormat.QCOW2)))
                .isInstanceOf(SimilarityException.class)
                .hasMessageStartingWith(truncated + ": not a valid qcow2 image: qemu-img check found ")
                .hasMessageContaining("exceeding the end of the file")
                .matches(e -> !e.getMessage().contains("\n"), "one line");
    }

    private static void qemuImg(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "qemu-img";
        System.arraycopy(args, 0, command, 1, args.length);
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }
}
