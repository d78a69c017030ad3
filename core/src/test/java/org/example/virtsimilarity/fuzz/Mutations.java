package org.example.virtsimilarity.fuzz;

import java.util.Random;

/** Seeded mutations of well-formed input, for the fuzzing tests of every parser of untrusted bytes. */
public final class Mutations {
    private Mutations() {
    }

    /** A copy with a few bytes flipped, a few words overwritten by extreme values, or the tail cut off. */
    public static byte[] mutate(Random random, byte[] seed, int span) {
        byte[] bytes = seed.clone();
        int limit = Math.min(span, bytes.length);
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    bytes[random.nextInt(limit)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                long[] extremes = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, 0x7fffffff, 65536, 512};
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    int at = random.nextInt(Math.max(1, limit - 8)) & ~7;
                    long value = extremes[random.nextInt(extremes.length)];
                    for (int b = 0; b < 8 && at + b < bytes.length; b++) {
                        bytes[at + b] = (byte) (value >>> (56 - 8 * b));
                    }
                }
            }
            case 2 -> {
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            default -> {
                for (int k = 1 + random.nextInt(32); k > 0; k--) {
                    bytes[random.nextInt(limit)] = (byte) random.nextInt(256);
                }
            }
        }
        return bytes;
    }
}
