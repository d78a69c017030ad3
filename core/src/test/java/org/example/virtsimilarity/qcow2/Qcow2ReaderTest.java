package org.example.virtsimilarity.qcow2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.example.virtsimilarity.Qemu;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.raw.RawImageReader;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;
import org.example.virtsimilarity.signature.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every case compares the native reader with what qemu itself reads (qemu-img convert to raw). */
class Qcow2ReaderTest {
    private static final ImageIdentity ID = new ImageIdentity("x", "", "", 0, 0, "");
    @TempDir
    Path dir;
    Path raw;

    @BeforeEach
    void makeRaw() throws Exception {
        assumeTrue(Qemu.isInstalled(), "qemu-utils is installed");
        // 20 MiB + 4 KiB: random data, zero stretches, and a size that is not a whole number of clusters
        raw = TestImages.raw(dir.resolve("data.img"), 20L * 1024 * 1024 + 4096, 1, 10, 11, 12, 100, 101, 200);
    }

    @Test
    void readsAConvertedImageExactlyAsTheRawOriginal() throws Exception {
        Path qcow2 = dir.resolve("data.qcow2");
        Qemu.img("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());

        assertSameSignature(qcow2, raw);
    }

    @Test
    void inflatesCompressedClusters() throws Exception {
        Path compressed = dir.resolve("compressed.qcow2");
        Qemu.img("convert", "-c", "-f", "raw", "-O", "qcow2", raw.toString(), compressed.toString());

        assertSameSignature(compressed, raw);
    }

    @Test
    void readsSmallClustersAndVersion2() throws Exception {
        Path v2 = dir.resolve("v2.qcow2");
        Qemu.img("convert", "-f", "raw", "-O", "qcow2", "-o", "compat=0.10,cluster_size=4096", raw.toString(),
                v2.toString());

        assertSameSignature(v2, raw);
    }

    @Test
    void followsABackingChainOfQcow2AndRaw() throws Exception {
        Path middle = dir.resolve("middle.qcow2");
        Path top = dir.resolve("top.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", "-F", "raw", "-b", "data.img", middle.toString(), "24M");
        Qemu.io(middle, "qcow2", "write -P 0xab 1M 64k", "write -P 0x01 3M 100k");
        Qemu.img("create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", "middle.qcow2", top.toString(), "24M");
        Qemu.io(top, "qcow2", "write -P 0xcd 1M 4k", "write -z 5M 1M", "write -P 0x02 23M 64k");

        try (Qcow2Reader reader = Qcow2Reader.open(TestImages.chain(top))) {
            assertThat(reader.method()).isEqualTo("qcow2+backing");
            assertThat(reader.size()).isEqualTo(24L << 20);
        }
        assertSameSignature(top, Qemu.flatten(top, dir.resolve("top.raw")));
    }

    @Test
    void neverReadsZeroOrUnallocatedClusters() throws Exception {
        Path sparse = dir.resolve("sparse.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", sparse.toString(), "64M");
        Qemu.io(sparse, "qcow2", "write -P 0x11 8M 128k", "write -z 16M 1M");

        try (Qcow2Reader reader = Qcow2Reader.open(TestImages.chain(sparse))) {
            assertThat(reader.isKnownZero(0, 8L << 20)).isTrue();
            assertThat(reader.isKnownZero(8L << 20, 65536)).isFalse();
            assertThat(reader.isKnownZero(16L << 20, 1 << 20)).isTrue();
            assertThat(reader.isKnownZero(0, 64L << 20)).isFalse();
        }
        assertSameSignature(sparse, Qemu.flatten(sparse, dir.resolve("sparse.raw")));
    }

    @Test
    void refusesABackingChainThatLoops() throws Exception {
        Path a = dir.resolve("a.qcow2");
        Path b = dir.resolve("b.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", a.toString(), "1M");
        Qemu.img("create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", "a.qcow2", b.toString(), "1M");
        Qemu.img("rebase", "-u", "-f", "qcow2", "-F", "qcow2", "-b", "b.qcow2", a.toString());

        assertThatThrownBy(() -> TestImages.chain(b)).isInstanceOf(SimilarityException.class)
                .hasMessageContaining("backing chain loops back to");
    }

    @Test
    void refusesAnImageThatIsItsOwnBackingFile() throws Exception {
        Path self = dir.resolve("self.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", self.toString(), "1M");
        Qemu.img("rebase", "-u", "-f", "qcow2", "-F", "qcow2", "-b", "self.qcow2", self.toString());

        assertThatThrownBy(() -> TestImages.chain(self)).isInstanceOf(SimilarityException.class)
                .hasMessageContaining("backing chain loops back to");
    }

    @Test
    void refusesAnL1TableOutsideTheFile() throws Exception {
        Path qcow2 = dir.resolve("data.qcow2");
        Qemu.img("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());
        try (RandomAccessFile file = new RandomAccessFile(qcow2.toFile(), "rw")) {
            file.seek(40);
            file.writeLong(1L << 40);
        }

        assertThatThrownBy(() -> Qcow2Reader.open(TestImages.chain(qcow2))).isInstanceOf(SimilarityException.class)
                .hasMessageContaining("L1 table at offset 1099511627776 lies outside the file");
    }

    @Test
    void refusesDataClustersPastTheEndOfATruncatedFile() throws Exception {
        Path qcow2 = dir.resolve("data.qcow2");
        Qemu.img("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());
        try (RandomAccessFile file = new RandomAccessFile(qcow2.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }

        assertThatThrownBy(() -> sign(Qcow2Reader.open(TestImages.chain(qcow2)))).isInstanceOf(Qcow2Exception.class)
                .hasMessageContaining("outside the file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "zstd"})
    void readsCompressedClustersExactlyAsQemuDoes(String compression) throws Exception {
        Path compressed = compressedText(compression, "65536");
        // stored compressed: 4 MiB of text in well under a quarter of it
        assertThat(Files.size(compressed)).isLessThan(1L << 20);

        assertSameSignature(compressed, Qemu.flatten(compressed, dir.resolve("flat.raw")));
    }

    @Test
    void readsZstdClustersOfSmallClusterSizes() throws Exception {
        Path compressed = compressedText("zstd", "4096");
        assertSameSignature(compressed, Qemu.flatten(compressed, dir.resolve("flat.raw")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "zstd"})
    void refusesACompressedClusterFullOfGarbage(String compression) throws Exception {
        Path compressed = compressedText(compression, "65536");
        long size = Files.size(compressed);
        try (RandomAccessFile file = new RandomAccessFile(compressed.toFile(), "rw")) {
            // the compressed data follows the tables: scribble over the file's last quarter, data only
            byte[] garbage = new byte[(int) (size / 8)];
            new java.util.Random(5).nextBytes(garbage);
            file.seek(size * 3 / 4);
            file.write(garbage);
        }

        assertThatThrownBy(() -> sign(Qcow2Reader.open(TestImages.chain(compressed))))
                .isInstanceOf(Qcow2Exception.class)
                .hasMessageMatching("compressed cluster \\d+ at offset \\d+ (is damaged: .*|inflates to .*)");
    }

    /** 4 MiB of text (it compresses, so qemu stores the clusters compressed; random data it would store as it is). */
    private Path compressedText(String compression, String clusterSize) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 4 << 20; line++) {
            text.append("line ").append(line).append(" of a compressible disk image\n");
        }
        Path textImage = Files.writeString(dir.resolve("text.img"), text.substring(0, 4 << 20));
        Path compressed = dir.resolve(compression + ".qcow2");
        Qemu.img("convert", "-c", "-f", "raw", "-O", "qcow2", "-o", "compression_type=" + compression
                + ",cluster_size=" + clusterSize, textImage.toString(), compressed.toString());
        return compressed;
    }

    private static void assertSameSignature(Path qcow2, Path flat) throws Exception {
        Signature expected = sign(new RawImageReader(flat));
        Signature actual = sign(Qcow2Reader.open(TestImages.chain(qcow2)));
        assertThat(actual.imageSize()).isEqualTo(expected.imageSize());
        assertThat(SignatureFile.toBytes(actual)).isEqualTo(SignatureFile.toBytes(expected));
        // random access from two workers gives the same as reading in order
        assertThat(readAll(Qcow2Reader.open(TestImages.chain(qcow2)))).isEqualTo(Files.readAllBytes(flat));
    }

    private static Signature sign(ImageReader reader) throws Exception {
        try (reader) {
            return new Signer(HashAlgorithm.XXH128, 65536, 2, false).sign(reader, ID, done -> { });
        }
    }

    private static byte[] readAll(ImageReader reader) throws Exception {
        try (reader) {
            ByteBuffer all = ByteBuffer.allocate((int) reader.size());
            reader.readFully(all, 0);
            return all.array();
        }
    }
}
