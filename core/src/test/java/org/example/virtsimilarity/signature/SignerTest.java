package org.example.virtsimilarity.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.openhft.hashing.LongHashFunction;
import net.openhft.hashing.LongTupleHashFunction;
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
            for (boolean content : new boolean[] {false, true}) {
                try (RawImageReader a = new RawImageReader(image); RawImageReader b = new RawImageReader(image)) {
                    Signature direct = new Signer(algorithm, 65536, 2, content, true).sign(a, ID, done -> { });
                    Signature heap = new Signer(algorithm, 65536, 2, content, false).sign(b, ID, done -> { });
                    assertThat(SignatureFile.toBytes(direct)).isEqualTo(SignatureFile.toBytes(heap));
                }
            }
        }
    }

    @Test
    void contentSignaturesDigestEachBlockOverItsSectorsDigests() throws Exception {
        Path image = TestImages.raw(dir.resolve("a.img"), 4, 7, 2);
        byte[] bytes = Files.readAllBytes(image);

        Signature signature;
        try (RawImageReader reader = new RawImageReader(image)) {
            signature = new Signer(HashAlgorithm.XXH128, 65536, 2, true).sign(reader, ID, done -> { });
        }

        // block 1: XXH3-128 over the XXH3-64 digests of its 128 sectors, each written as a big-endian word
        ByteBuffer list = ByteBuffer.allocate(128 * Long.BYTES);
        for (int sector = 0; sector < 128; sector++) {
            list.putLong(LongHashFunction.xx3().hashBytes(bytes, 65536 + sector * 512, 512));
        }
        long[] expected = LongTupleHashFunction.xx128().hashBytes(list.array());
        assertThat(signature.scheme()).isEqualTo(DigestScheme.SECTOR_DIGESTS);
        assertThat(new long[] {signature.word(1, 0), signature.word(1, 1)}).containsExactly(expected);
        assertThat(signature.isZero(2)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = HashAlgorithm.class, names = {"MD5", "SHA256"})
    void cryptographicContentDigestsHashTheWholeSectorDigestsPaddedTo256Bytes(HashAlgorithm algorithm)
            throws Exception {
        Path image = TestImages.raw(dir.resolve("a.img"), 65536L, 3);
        byte[] bytes = Files.readAllBytes(image);

        Signature signature;
        try (RawImageReader reader = new RawImageReader(image)) {
            signature = new Signer(algorithm, 4096, 1, true).sign(reader, ID, done -> { });
        }

        // block 3 of 4 KiB: its eight sectors' digests (8 x 16 bytes for md5, padded to 256; 8 x 32 for sha256)
        MessageDigest digest = MessageDigest.getInstance(algorithm == HashAlgorithm.MD5 ? "MD5" : "SHA-256");
        ByteBuffer list = ByteBuffer.allocate(Math.max(256, 8 * algorithm.digestBytes()));
        for (int sector = 0; sector < 8; sector++) {
            list.put(digest.digest(Arrays.copyOfRange(bytes, 3 * 4096 + sector * 512, 3 * 4096 + (sector + 1) * 512)));
        }
        ByteBuffer actual = ByteBuffer.allocate(algorithm.digestBytes());
        for (int w = 0; w < algorithm.words(); w++) {
            actual.putLong(signature.word(3, w));
        }
        assertThat(actual.array()).isEqualTo(digest.digest(list.array()));
    }

    @Test
    void bothSchemesSeeTheSameBlocksDiffer() throws Exception {
        Path base = TestImages.raw(dir.resolve("base.img"), 40, 8, 5, 6, 39);
        Path changed = TestImages.changedCopy(base, dir.resolve("changed.img"), 9, 1, 5, 20, 21);

        for (boolean content : new boolean[] {false, true}) {
            Signature a = sign(base, content);
            Signature b = sign(changed, content);
            List<Integer> differing = new ArrayList<>();
            for (int block = 0; block < a.blockCount(); block++) {
                if (!a.sameAt(block, b)) {
                    differing.add(block);
                }
            }
            assertThat(differing).as("content " + content).containsExactly(1, 5, 20, 21);
            assertThat(a.zeroBlocks()).isEqualTo(3);
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

    private static Signature sign(Path image, boolean content) throws Exception {
        try (RawImageReader reader = new RawImageReader(image)) {
            return new Signer(HashAlgorithm.XXH128, 65536, 2, content).sign(reader, ID, done -> { });
        }
    }

    private static Signature sign(Path image, HashAlgorithm algorithm, int workers) throws Exception {
        try (RawImageReader reader = new RawImageReader(image)) {
            return new Signer(algorithm, 65536, workers, false).sign(reader, ID, done -> { });
        }
    }
}
