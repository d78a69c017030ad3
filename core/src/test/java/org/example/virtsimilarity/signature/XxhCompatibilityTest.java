package org.example.virtsimilarity.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import net.openhft.hashing.LongTupleHashFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our XXH3-128 must give what the reference implementation gives, on heap and direct buffers, at any offset. */
class XxhCompatibilityTest {
    private static final LongTupleHashFunction REFERENCE = LongTupleHashFunction.xx128();

    @ParameterizedTest
    @ValueSource(ints = {241, 255, 256, 1023, 1024, 1025, 4096, 65535, 65536, 65600, 100_000, 1 << 20})
    void matchesTheReferenceImplementation(int length) {
        Random random = new Random(length);
        for (int round = 0; round < 20; round++) {
            int offset = random.nextInt(16);
            byte[] bytes = new byte[offset + length + random.nextInt(16)];
            random.nextBytes(bytes);
            long[] expected = REFERENCE.hashBytes(bytes, offset, length);
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes);

            long[] heap = new long[2];
            long[] inPlace = new long[3];
            Xxh3.hash128(ByteBuffer.wrap(bytes), offset, length, heap, 0);
            Xxh3.hash128(direct, offset, length, inPlace, 1);

            assertThat(heap).containsExactly(expected);
            assertThat(new long[] {inPlace[1], inPlace[2]}).containsExactly(expected);
        }
    }
}
