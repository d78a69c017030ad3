package org.example.virtsimilarity.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.raw.RawImageReader;
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
            signature = new Signer(HashAlgorithm.SHA256, 65536, 1, true).sign(reader, identity, d -> { });
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
        assertThat(read.content()).isPresent().isEqualTo(signature.content());
        assertThat(read.content().orElseThrow().dataBytes()).isEqualTo(9L * 65536 + 512);
        assertThat(read.scheme()).isEqualTo(DigestScheme.SECTOR_DIGESTS);
    }

    @Test
    void readsVersionTwoContentAsBlockBytesAndAContentRunRefusesIt() throws Exception {
        int chunks = signature.content().orElseThrow().count();
        Path old = dir.resolve("v2.vsig");
        Files.write(old, patched(2, 1, chunks));

        Signature read = SignatureFile.read(old);

        assertThat(read.scheme()).isEqualTo(DigestScheme.BLOCK_BYTES);
        assertThat(read.content()).isEqualTo(signature.content());
        // written back as it came (a gate carries an old baseline forward): version 2, kind 1
        assertThat(SignatureFile.toBytes(read)).isEqualTo(Files.readAllBytes(old));
        assertThatThrownBy(() -> SignatureFile.read(old, HashAlgorithm.SHA256, 65536, true))
                .hasMessage(old + ": signature holds digests of block bytes (it was made by an older version), but"
                        + " this run compares content by digests of sector digests: sign the image again");
        Path forged = dir.resolve("v2-sectors.vsig");
        Files.write(forged, patched(2, 2, chunks));
        assertThatThrownBy(() -> SignatureFile.read(forged)).isInstanceOf(SimilarityException.class)
                .hasMessageContaining("unknown content section kind 2");
    }

    /** This test's file as another version with another content kind, its CRC made again. */
    private byte[] patched(int version, int kind, int chunks) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.putShort(8, (short) version);
        buffer.put(bytes.length - 4 - chunks * 16 - 8 - 1, (byte) kind);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        buffer.putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    @Test
    void readsVersionOneFilesWhichHoldNoContent() throws Exception {
        // version 1 is version 2 without the content section's kind byte
        byte[] two = SignatureFile.toBytes(signature.withIdentity(signature.identity()));
        Signature positional = SignatureFile.read(file);
        Path positionOnly = dir.resolve("positional.vsig");
        SignatureFile.write(Signature.builder(HashAlgorithm.SHA256, 65536, positional.imageSize())
                .identity(positional.identity()).digests(words(positional)).build(), positionOnly);
        byte[] v2 = Files.readAllBytes(positionOnly);
        ByteBuffer v1 = ByteBuffer.allocate(v2.length - 1).put(v2, 0, v2.length - 5);
        v1.putShort(8, (short) 1);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(v1.array(), 0, v1.capacity() - 4);
        v1.putInt((int) crc.getValue());
        Path old = dir.resolve("old.vsig");
        Files.write(old, v1.array());

        Signature read = SignatureFile.read(old);

        assertThat(two.length).isGreaterThan(v2.length);
        assertThat(ByteBuffer.wrap(v2).getShort(8)).as("a signature without sector digests is version 2")
                .isEqualTo((short) 2);
        assertThat(read.content()).isEmpty();
        assertThat(read.sameBlock(4, signature)).isTrue();
        assertThatThrownBy(() -> SignatureFile.read(old, HashAlgorithm.SHA256, 65536, true))
                .hasMessage(old + ": signature holds no content fingerprints (it was made for the position measure,"
                        + " or by an older version), but this run compares content");
        assertThat(SignatureFile.read(old, HashAlgorithm.SHA256, 65536, false).content()).isEmpty();
    }

    @Test
    void rejectsContentChunksThatOverlapOrRunPastTheImage() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ContentFingerprints content = signature.content().orElseThrow();
        // the first chunk's span word: move its start past the image's end
        int spanAt = bytes.length - 4 - content.count() * 16 + 8;
        ByteBuffer.wrap(bytes).putLong(spanAt, (1L << 40) << 16 | 1);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        Files.write(file, bytes);

        assertThatThrownBy(() -> SignatureFile.read(file)).isInstanceOf(SimilarityException.class)
                .hasMessageStartingWith(file + ": not a valid signature file: bad content chunks: chunk 1 of");
    }

    private static long[] words(Signature signature) {
        long[] words = new long[signature.blockCount() * signature.algorithm().words()];
        for (int block = 0; block < signature.blockCount(); block++) {
            for (int w = 0; w < signature.algorithm().words(); w++) {
                words[block * signature.algorithm().words() + w] = signature.word(block, w);
            }
        }
        return words;
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
        Path cut = dir.resolve("cut.vsig");
        Files.write(cut, Arrays.copyOf(bytes, 200));

        // the content section's length is the file's rest, so a cut there is found by the checksum
        assertThatThrownBy(() -> SignatureFile.read(file)).isInstanceOf(SimilarityException.class)
                .hasMessage(file + ": not a valid signature file: checksum mismatch (the file is damaged)");
        assertThatThrownBy(() -> SignatureFile.read(cut)).isInstanceOf(SimilarityException.class)
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
