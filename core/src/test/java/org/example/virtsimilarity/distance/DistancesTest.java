package org.example.virtsimilarity.distance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.raw.RawImageReader;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistancesTest {
    @TempDir
    Path dir;

    @Test
    void countsDifferingPositionsAndOnlyNonZeroBlocksPastTheShorterImage() throws Exception {
        Path a = TestImages.raw(dir.resolve("a.img"), 10, 1, 2);
        // b: a's 10 blocks with block 5 changed, then 6 more blocks of which 4 are zero
        Path b = TestImages.raw(dir.resolve("b.img"), 16, 9, 12, 13, 14, 15);
        byte[] bytes = java.nio.file.Files.readAllBytes(b);
        System.arraycopy(java.nio.file.Files.readAllBytes(a), 0, bytes, 0, 10 * 65536);
        java.nio.file.Files.write(b, bytes);
        TestImages.changedCopy(b, b, 3, 5);

        Signature sa = sign(a);
        Signature sb = sign(b);

        assertThat(Distances.differingBlocks(sa, sb)).isEqualTo(1 + 2);
        assertThat(Distances.nonZeroBlocks(sa, sb)).isEqualTo(9 + 2);
        DistanceMatrix matrix = Distances.matrix(List.of(sa, sb));
        assertThat(matrix.blocks(1, 0)).isEqualTo(3);
        assertThat(matrix.bytes(0, 1)).isEqualTo(3L * 65536);
        assertThat(matrix.divergence(0, 1)).isEqualTo(3.0 / 11);
        assertThat(matrix.blocks(1, 1)).isZero();
    }

    @Test
    void refusesToCompareSignaturesOfDifferentBlockSizes() throws Exception {
        Path a = TestImages.raw(dir.resolve("a.img"), 2, 1);
        Signature big = sign(a);
        Signature small = new Signer(HashAlgorithm.XXH128, 4096, 1, false).sign(new RawImageReader(a),
                new ImageIdentity("small", "", "raw", 0, 0, ""), d -> { });

        assertThatThrownBy(() -> Distances.matrix(List.of(big, small))).isInstanceOf(SimilarityException.class)
                .hasMessageContaining("cannot compare small (4096-byte blocks, xxh128, digests of block bytes)");
    }

    private static Signature sign(Path image) throws Exception {
        try (RawImageReader reader = new RawImageReader(image)) {
            return new Signer(HashAlgorithm.XXH128, 65536, 1, false).sign(reader,
                    new ImageIdentity(image.getFileName().toString(), "", "raw", 0, 0, ""), d -> { });
        }
    }
}
