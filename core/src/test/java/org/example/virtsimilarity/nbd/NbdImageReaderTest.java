package org.example.virtsimilarity.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.example.virtsimilarity.Qemu;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.ImageFormat;
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

class NbdImageReaderTest {
    private static final ImageIdentity ID = new ImageIdentity("x", "", "", 0, 0, "");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    Path raw;

    @BeforeEach
    void makeRaw() throws Exception {
        assumeTrue(Qemu.isInstalled() && QemuNbdServer.isAvailable(), "qemu-utils is installed");
        raw = TestImages.raw(dir.resolve("data.img"), 48, 1, 3, 4, 5, 20, 21, 47);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vmdk", "vdi", "vhdx", "qed", "qcow2", "raw"})
    void readsEveryFormatExactlyAsTheRawOriginal(String format) throws Exception {
        Path image = dir.resolve("data." + format);
        Qemu.img("convert", "-f", "raw", "-O", format, raw.toString(), image.toString());

        Signature expected = sign(new RawImageReader(raw));
        try (NbdImageReader reader = NbdImageReader.open(spec(image, format), TIMEOUT)) {
            assertThat(reader.size()).isGreaterThanOrEqualTo(Files.size(raw));
            Signature actual = sign(reader);
            assertThat(SignatureFile.toBytes(actual.withIdentity(ID)))
                    .isEqualTo(SignatureFile.toBytes(expected.withIdentity(ID)));
        }
    }

    @Test
    void knowsUnallocatedExtentsWithoutReadingThem() throws Exception {
        Path sparse = dir.resolve("sparse.vmdk");
        Qemu.img("create", "-q", "-f", "vmdk", sparse.toString(), "64M");
        Qemu.io(sparse, "vmdk", "write -P 0x42 8M 1M");

        try (NbdImageReader reader = NbdImageReader.open(spec(sparse, "vmdk"), TIMEOUT)) {
            assertThat(reader.isKnownZero(0, 8L << 20)).isTrue();
            assertThat(reader.isKnownZero(8L << 20, 65536)).isFalse();
            assertThat(reader.isKnownZero(16L << 20, 48L << 20)).isTrue();
            Signature signature = sign(reader);
            assertThat(signature.nonZeroBlocks()).isEqualTo(16);
        }
    }

    @Test
    void stopsTheServerAndRemovesItsSocketOnClose() throws Exception {
        Path vdi = dir.resolve("data.vdi");
        Qemu.img("convert", "-f", "raw", "-O", "vdi", raw.toString(), vdi.toString());
        long before = countQemuNbd();

        NbdImageReader reader = NbdImageReader.open(spec(vdi, "vdi"), TIMEOUT);
        assertThat(countQemuNbd()).isEqualTo(before + 1);
        reader.close();

        assertThat(countQemuNbd()).isEqualTo(before);
    }

    @Test
    void reportsQemuNbdsOwnMessageForAnImageItCannotOpen() throws Exception {
        Path notVmdk = Files.writeString(dir.resolve("bad.vmdk"), "KDMV but nothing else of a vmdk");

        assertThatThrownBy(() -> NbdImageReader.open(spec(notVmdk, "vmdk"), TIMEOUT)).isInstanceOf(NbdException.class)
                .hasMessageStartingWith("qemu-nbd could not serve it: ");
    }

    private static String spec(Path image, String format) {
        return BackingChain.of(image, ImageFormat.fromQemuName(format).orElseThrow()).qemuSpec();
    }

    private static long countQemuNbd() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("qemu-nbd")).count();
    }

    private static Signature sign(ImageReader reader) throws Exception {
        return new Signer(HashAlgorithm.XXH128, 65536, 2, false).sign(reader, ID, done -> { });
    }
}
