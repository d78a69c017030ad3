package org.example.virtsimilarity.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.image.RawImageReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureFileTest {
    @TempDir
    Path dir;
    Signature signature;
    Path file;

    @BeforeEach
    void write() throws Exception {
        Path image = TestImages.raw(dir.resolve("a.img"), 10L * 65536 + 512, 1, 3);
        ImageIdentity identity = new ImageIdentity("a.img", "/images/a\nb.img", "raw", 123, 456, "(dev=1,ino=2)");
        try (RawImageReader reader = new RawImageReader(image)) {
            signature = new Signer(HashAlgorithm.SHA256, 65536, 1).sign(reader, identity, d -> { });
        }
        file = dir.resolve("a.vsig");
        SignatureFile.write(signature, file);
    }

    @Test
    void roundTripsEveryField() {
        Signature read = SignatureFile.read(file);

        assertThat(read.identity()).isEqualTo(signature.identity());
        assertThat(read.algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(read.imageSize()).isEqualTo(10L * 65536 + 512);
        assertThat(read.blockCount()).isEqualTo(11);
        assertThat(read.zeroBlocks()).isEqualTo(1);
        for (int block = 0; block < 11; block++) {
            assertThat(read.sameBlock(block, signature)).isTrue();
        }
    }

    @Test
    void rejectsAFlippedByteByItsChecksum() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> SignatureFile.read(file)).isInstanceOf(SimilarityException.class)
                .hasMessage(file + ": not a valid signature file: checksum mismatch (the file is damaged)");
    }

    @Test
    void rejectsATruncatedFile() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> SignatureFile.read(file)).isInstanceOf(SimilarityException.class)
                .hasMessageContaining("does not fit its header");
    }

    @Test
    void rejectsAHeaderThatClaimsAHugeImageBeforeAllocating() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putLong(16, Long.MAX_VALUE / 2).putLong(24, Long.MAX_VALUE / 2 / 65536 + 1);
        Files.write(file, bytes);

        assertThatThrownBy(() -> SignatureFile.read(file)).isInstanceOf(SimilarityException.class)
                .hasMessageContaining("does not fit its header");
    }

    @Test
    void rejectsOtherFilesAndNamesThem() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.vsig"), "hello, this is not a signature file at all");

        assertThatThrownBy(() -> SignatureFile.read(text)).hasMessage(text + ": not a valid signature file: bad magic");
        assertThatThrownBy(() -> SignatureFile.read(dir.resolve("missing.vsig")))
                .hasMessage(dir.resolve("missing.vsig") + ": No such file or directory");
    }

    @Test
    void probeRecognisesSignatureFilesByTheirMagic() {
        assertThat(org.example.virtsimilarity.image.ImageProbe.SIGNATURE_MAGIC).isEqualTo(SignatureFile.MAGIC);
        assertThat(org.example.virtsimilarity.image.ImageProbe.probe(file).format())
                .isEqualTo(org.example.virtsimilarity.image.ImageFormat.SIGNATURE);
    }

    @Test
    void rejectsAnUnknownVersion() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[9] = 9;
        Files.write(file, bytes);

        assertThatThrownBy(() -> SignatureFile.read(file)).hasMessageContaining("unsupported version 9");
    }
}
