package org.example.virtsimilarity.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.raw.RawImageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignerTest {
    private static final ImageIdentity ID = new ImageIdentity("x.img", "/x.img", "raw", 0, 0, "");
    @TempDir
    Path dir;

    @Test
    void marksZeroBlocksWithoutHashingAndHashesTheRest() throws Exception {
        Path image = TestImages.raw(dir.resolve("a.img"), 100, 1, 0, 50, 99);

        Signature signature = sign(image, HashAlgorithm.XXH128, 1);

        assertThat(signature.blockCount()).isEqualTo(100);
        assertThat(signature.zeroBlocks()).isEqualTo(3);
        assertThat(signature.isZero(0)).isTrue();
        assertThat(signature.isZero(50)).isTrue();
        assertThat(signature.isZero(1)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = HashAlgorithm.class, names = {"MD5", "SHA256"})
    void digestsAreTheStandardDigestsOfEachBlock(HashAlgorithm algorithm) throws Exception {
        Path image = TestImages.raw(dir.resolve("a.img"), 3, 2);
        byte[] bytes = Files.readAllBytes(image);

        Signature signature = sign(image, algorithm, 1);

        MessageDigest digest = MessageDigest.getInstance(algorithm == HashAlgorithm.MD5 ? "MD5" : "SHA-256");
        byte[] expected = digest.digest(Arrays.copyOfRange(bytes, 65536, 2 * 65536));
        ByteBuffer actual = ByteBuffer.allocate(algorithm.digestBytes());
        for (int w = 0; w < algorithm.words(); w++) {
            actual.putLong(signature.word(1, w));
        }
        assertThat(actual.array()).isEqualTo(expected);
    }

    @Test
    void finalPartialBlockIsHashedAsIfZeroPadded() throws Exception {
        Path partial = TestImages.raw(dir.resolve("partial.img"), 2L * 65536 + 4096, 3);
        byte[] padded = Arrays.copyOf(Files.readAllBytes(partial), 3 * 65536);
        Path full = Files.write(dir.resolve("full.img"), padded);

        Signature a = sign(partial, HashAlgorithm.XXH128, 1);
        Signature b = sign(full, HashAlgorithm.XXH128, 1);

        assertThat(a.imageSize()).isEqualTo(2L * 65536 + 4096);
        assertThat(a.blockCount()).isEqualTo(3);
        assertThat(a.sameBlock(2, b)).isTrue();
    }

    @Test
    void twoWorkersGiveTheSameSignatureAsOne() throws Exception {
        // several 4 MiB chunks and a partial one, so both workers get work
        Path image = TestImages.raw(dir.resolve("a.img"), 300, 4, 5, 70, 299);

        Signature one = sign(image, HashAlgorithm.XXH128, 1);
        Signature two = sign(image, HashAlgorithm.XXH128, 2);

        assertThat(SignatureFile.toBytes(two)).isEqualTo(SignatureFile.toBytes(one));
    }

    @Test
    void directAndHeapBuffersGiveTheSameSignature() throws Exception {
        Path image = TestImages.raw(dir.resolve("a.img"), 130L * 65536 + 1024, 6, 0, 64, 129);

        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            try (RawImageReader a = new RawImageReader(image); RawImageReader b = new RawImageReader(image)) {
                Signature direct = new Signer(algorithm, 65536, 2, false, true).sign(a, ID, done -> { });
                Signature heap = new Signer(algorithm, 65536, 2, false, false).sign(b, ID, done -> { });
                assertThat(SignatureFile.toBytes(direct)).isEqualTo(SignatureFile.toBytes(heap));
            }
        }
    }

    @Test
    void blockSizeChangesTheGrain() throws Exception {
        Path image = TestImages.raw(dir.resolve("a.img"), 4, 5, 1);

        Signature signature = new Signer(HashAlgorithm.XXH128, 4096, 2, false).sign(new RawImageReader(image), ID,
                d -> { });

        assertThat(signature.blockCount()).isEqualTo(64);
        assertThat(signature.zeroBlocks()).isEqualTo(16);
    }

    private static Signature sign(Path image, HashAlgorithm algorithm, int workers) throws Exception {
        try (RawImageReader reader = new RawImageReader(image)) {
            return new Signer(algorithm, 65536, workers, false).sign(reader, ID, done -> { });
        }
    }
}
