package org.example.virtsimilarity.qemu;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.example.virtsimilarity.Qemu;
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
        Qemu.img("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());
    }

    @Test
    void passesASoundImage() {
        assertThatCode(() -> QemuImgCheck.check(ImageProbe.probe(qcow2), BackingChain.of(qcow2, ImageFormat.QCOW2)))
                .doesNotThrowAnyException();
    }

    @Test
    void opensAFormatQemuCannotCheckAndNamesWhyADamagedOneFails() throws Exception {
        // qemu-img check does not support vpc (exit 63): then the image must at least open
        Path vpc = dir.resolve("data.vpc");
        Qemu.img("convert", "-f", "qcow2", "-O", "vpc", qcow2.toString(), vpc.toString());
        Path damaged = Files.write(dir.resolve("damaged.vpc"), Arrays.copyOf(Files.readAllBytes(vpc), 600));

        assertThatCode(() -> QemuImgCheck.check(ImageProbe.probe(vpc), BackingChain.of(vpc, ImageFormat.VPC)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> QemuImgCheck.check(ImageProbe.probe(damaged),
                BackingChain.of(damaged, ImageFormat.VPC)))
                .isInstanceOf(SimilarityException.class)
                .hasMessage(damaged + ": not a valid vpc image: Could not open it: block-vpc: free_data_block_offset"
                        + " points after the end of file. The image has been truncated.");
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
}
