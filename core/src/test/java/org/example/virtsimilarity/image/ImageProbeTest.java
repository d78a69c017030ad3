package org.example.virtsimilarity.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.example.virtsimilarity.LoopDevice;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.qemu.QemuImgCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageProbeTest {
    @TempDir
    Path dir;

    @Test
    void anyWholeNumberOfSectorsIsARawImage() throws Exception {
        DiskImage image = ImageProbe.probe(TestImages.raw(dir.resolve("a.img"), 3L * 512, 1));

        assertThat(image.format()).isEqualTo(ImageFormat.RAW);
        assertThat(image.fileSize()).isEqualTo(1536);
        assertThat(image.name()).isEqualTo("a.img");
    }

    @ParameterizedTest
    @CsvSource({"qcow2, qcow2", "vmdk, vmdk", "vdi, vdi", "vhdx, vhdx", "vpc, vpc", "qed, qed", "parallels, parallels"})
    void recognisesFormatsThatQemuImgCreates(String qemuFormat, String expected) throws Exception {
        assumeTrue(QemuImgCheck.isAvailable(), "qemu-img is installed");
        Path file = dir.resolve("disk." + qemuFormat);
        Process process = new ProcessBuilder("qemu-img", "create", "-q", "-f", qemuFormat, file.toString(), "64M")
                .inheritIO().start();
        assertThat(process.waitFor()).isZero();

        assertThat(ImageProbe.probe(file).format().qemuName()).isEqualTo(expected);
    }

    @Test
    void followsSymbolicLinksAndKeepsTheGivenNameForLabels() throws Exception {
        Path target = TestImages.raw(dir.resolve("target.img"), 1, 1);
        Path link = Files.createSymbolicLink(dir.resolve("link.img"), target);

        DiskImage image = ImageProbe.probe(link);

        assertThat(image.name()).isEqualTo("link.img");
        assertThat(image.realPath()).isEqualTo(target.toRealPath());
    }

    @Test
    void namesTheFileAndTheProblemInOneLine() throws Exception {
        Path missing = dir.resolve("missing.img");
        Path empty = Files.createFile(dir.resolve("empty.img"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "this is not a disk image\n");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.img"), dir.resolve("nowhere"));
        Path loop = Files.createSymbolicLink(dir.resolve("loop.img"), dir.resolve("loop.img"));
        Path gzip = dir.resolve("disk.img.gz");
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(new byte[4096]);
        }
        Files.write(gzip, compressed.toByteArray());

        assertProblem(missing, "No such file or directory");
        assertProblem(dir, "is a directory, not a disk image");
        assertProblem(empty, "is empty, not a disk image");
        assertProblem(text, "not a disk image: size 25 bytes is not a whole number of 512-byte sectors");
        assertProblem(dangling, "is a dangling symbolic link");
        assertProblem(gzip, "gzip-compressed file (decompress it first), not a disk image");
        assertThatThrownBy(() -> ImageProbe.probe(loop)).isInstanceOf(SimilarityException.class)
                .hasMessageStartingWith(loop + ": ");
    }

    @Test
    void refusesFifos() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        assertProblem(fifo, "is a named pipe (FIFO), not a disk image");
        assertProblem(Path.of("/dev/null"), "is a character device, not a disk image");
    }

    @Test
    void aBlockDeviceIsARawImageOfTheDevicesSize() throws Exception {
        Path file = TestImages.raw(dir.resolve("volume.img"), 8, 5);
        try (LoopDevice device = LoopDevice.attach(file)) {
            Path link = Files.createSymbolicLink(dir.resolve("lv-disk"), device.path());

            DiskImage image = ImageProbe.probe(link);

            assertThat(image.format()).isEqualTo(ImageFormat.RAW);
            assertThat(image.fileSize()).isEqualTo(8L * TestImages.BLOCK);
            assertThat(image.realPath()).isEqualTo(device.path());
            assertThat(image.name()).isEqualTo("lv-disk");
        }
    }

    private static void assertProblem(Path path, String problem) {
        assertThatThrownBy(() -> ImageProbe.probe(path)).isInstanceOf(SimilarityException.class)
                .hasMessage(path + ": " + problem);
    }
}
