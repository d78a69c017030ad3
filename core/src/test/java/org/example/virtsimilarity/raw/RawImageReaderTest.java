package org.example.virtsimilarity.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.example.virtsimilarity.qemu.QemuImgCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawImageReaderTest {
    @TempDir
    Path dir;

    @Test
    void learnsTheHolesOfASparseFileWhileReading() throws Exception {
        assumeTrue(QemuImgCheck.isAvailable(), "qemu-img is installed");
        Path sparse = dir.resolve("sparse.img");
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(64L << 20);
            file.seek(8L << 20);
            file.write(data);
        }

        try (RawImageReader reader = RawImageReader.withHoleMap(sparse)) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!reader.isKnownZero(0, 65536) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(reader.isKnownZero(0, 8L << 20)).isTrue();
            assertThat(reader.isKnownZero(8L << 20, 65536)).isFalse();
            assertThat(reader.isKnownZero((8L << 20) - 4096, 8192)).isFalse();
            assertThat(reader.isKnownZero(9L << 20, 55L << 20)).isTrue();
        }
    }

    @Test
    void aDenseFileHasNoHoles() throws Exception {
        assumeTrue(QemuImgCheck.isAvailable(), "qemu-img is installed");
        byte[] data = new byte[4 << 20];
        Path dense = Files.write(dir.resolve("dense.img"), data);

        try (RawImageReader reader = RawImageReader.withHoleMap(dense)) {
            Thread.sleep(500);
            // written zeros are data, not holes: they are read (and found zero by the signer)
            assertThat(reader.isKnownZero(0, 65536)).isFalse();
        }
    }
}
