package org.example.virtsimilarity.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import net.openhft.hashing.LongHashFunction;
import net.openhft.hashing.LongTupleHashFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our XXH3 kernels must give what the reference implementation gives, on heap and direct buffers, at any offset. */
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

    @Test
    void sectorKernelIsXxh3Of64BitsOfEachSector() {
        Random random = new Random(512);
        for (int round = 0; round < 20; round++) {
            int offset = random.nextInt(16);
            int count = 1 + random.nextInt(8);
            byte[] bytes = new byte[offset + count * 512 + random.nextInt(16)];
            random.nextBytes(bytes);
            long[] heap = new long[count];
            long[] direct = new long[count + 1];

            Xxh3.hashSectors(ByteBuffer.wrap(bytes), offset, count, heap, 0);
            Xxh3.hashSectors(ByteBuffer.allocateDirect(bytes.length).put(bytes), offset, count, direct, 1);

            for (int sector = 0; sector < count; sector++) {
                long expected = LongHashFunction.xx3().hashBytes(bytes, offset + sector * 512, 512);
                assertThat(heap[sector]).isEqualTo(expected);
                assertThat(direct[sector + 1]).isEqualTo(expected);
            }
        }
    }
}
