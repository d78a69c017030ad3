package org.example.virtsimilarity.signature;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import sun.misc.Unsafe;

/**
 * XXH3-128 (seed 0, default secret) for inputs longer than 240 bytes, as the xxHash specification defines it. Reads go
 * through {@code sun.misc.Unsafe} (module jdk.unsupported, which every JDK has): one code path for heap arrays and for
 * direct I/O buffers, hashed in place, that the JIT compiles to plain 64-bit loads. Inputs are blocks of at least
 * 4 KiB, sectors of 512 bytes and chunk digest lists padded to 256 bytes, so the short-input paths of XXH3 are not
 * needed; {@code XxhCompatibilityTest} checks the output against
 * zero-allocation-hashing's implementation.
 */
final class Xxh3 {
    /** The specification's default 192-byte secret ({@code kSecret}). */
    private static final byte[] SECRET = HexFormat.of().parseHex(
            "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
            + "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
            + "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
            + "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
            + "eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e"
            + "2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e");
    private static final Unsafe UNSAFE = unsafe();
    private static final long ADDRESS = addressOffset();
    private static final long BYTES = UNSAFE.arrayBaseOffset(byte[].class);
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long PRIME32_1 = 0x9E3779B1L;
    private static final long PRIME32_2 = 0x85EBCA77L;
    private static final long PRIME32_3 = 0xC2B2AE3DL;
    private static final long PRIME64_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME64_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME64_3 = 0x165667B19E3779F9L;
    private static final long PRIME64_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME64_5 = 0x27D4EB2F165667C5L;
    private static final int STRIPE = 64;
    private static final int STRIPES_PER_BLOCK = (SECRET.length - STRIPE) / 8;
    private static final int BLOCK = STRIPE * STRIPES_PER_BLOCK;
    /** Secret words at byte offsets 0, 8, ... (stripes and scrambling). */
    private static final long[] KEY = words(0, SECRET.length / 8);
    /** Secret words for the last stripe, at byte offset 192 - 64 - 7. */
    private static final long[] LAST = words(SECRET.length - STRIPE - 7, 8);
    /** Secret words for merging the low and high halves, at byte offsets 11 and 192 - 64 - 11. */
    private static final long[] MERGE_LOW = words(11, 8);
    private static final long[] MERGE_HIGH = words(SECRET.length - STRIPE - 11, 8);

    private Xxh3() {
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static long addressOffset() {
        try {
            return UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static long read(Object base, long at) {
        long value = UNSAFE.getLong(base, at);
        return LITTLE ? value : Long.reverseBytes(value);
    }

    private static long[] words(int from, int count) {
        ByteBuffer secret = ByteBuffer.wrap(SECRET).order(ByteOrder.LITTLE_ENDIAN);
        long[] words = new long[count];
        for (int i = 0; i < count; i++) {
            words[i] = secret.getLong(from + 8 * i);
        }
        return words;
    }

    /** Hashes {@code length} (more than 240) bytes of {@code data} from {@code offset}: out[0] low, out[1] high. */
    static void hash128(ByteBuffer data, int offset, int length, long[] out, int at) {
        if (offset < 0 || length <= 240 || offset + length > data.capacity()) {
            throw new IndexOutOfBoundsException("hash of " + length + " bytes at " + offset);
        }
        Object base = data.hasArray() ? data.array() : null;
        long start = data.hasArray() ? BYTES + data.arrayOffset() + offset : UNSAFE.getLong(data, ADDRESS) + offset;
        hash128(base, start, length, out, at);
    }

    private static void hash128(Object data, long offset, int length, long[] out, int at) {
        long a0 = PRIME32_3;
        long a1 = PRIME64_1;
        long a2 = PRIME64_2;
        long a3 = PRIME64_3;
        long a4 = PRIME64_4;
        long a5 = PRIME32_2;
        long a6 = PRIME64_5;
        long a7 = PRIME32_1;
        int blocks = (length - 1) / BLOCK;
        long p = offset;
        for (int b = 0; b <= blocks; b++) {
            int stripes = b < blocks ? STRIPES_PER_BLOCK : ((length - 1) - BLOCK * blocks) / STRIPE;
            // stripe s uses secret words s .. s+7: a window that slides by one word a stripe
            long s0 = KEY[0];
            long s1 = KEY[1];
            long s2 = KEY[2];
            long s3 = KEY[3];
            long s4 = KEY[4];
            long s5 = KEY[5];
            long s6 = KEY[6];
            long s7 = KEY[7];
            for (int s = 0; s < stripes; s++, p += STRIPE) {
                long d0 = read(data, p);
                long d1 = read(data, p + 8);
                long d2 = read(data, p + 16);
                long d3 = read(data, p + 24);
                long d4 = read(data, p + 32);
                long d5 = read(data, p + 40);
                long d6 = read(data, p + 48);
                long d7 = read(data, p + 56);
                long k0 = d0 ^ s0;
                long k1 = d1 ^ s1;
                long k2 = d2 ^ s2;
                long k3 = d3 ^ s3;
                long k4 = d4 ^ s4;
                long k5 = d5 ^ s5;
                long k6 = d6 ^ s6;
                long k7 = d7 ^ s7;
                a0 += d1 + (k0 & 0xFFFFFFFFL) * (k0 >>> 32);
                a1 += d0 + (k1 & 0xFFFFFFFFL) * (k1 >>> 32);
                a2 += d3 + (k2 & 0xFFFFFFFFL) * (k2 >>> 32);
                a3 += d2 + (k3 & 0xFFFFFFFFL) * (k3 >>> 32);
                a4 += d5 + (k4 & 0xFFFFFFFFL) * (k4 >>> 32);
                a5 += d4 + (k5 & 0xFFFFFFFFL) * (k5 >>> 32);
                a6 += d7 + (k6 & 0xFFFFFFFFL) * (k6 >>> 32);
                a7 += d6 + (k7 & 0xFFFFFFFFL) * (k7 >>> 32);
                s0 = s1;
                s1 = s2;
                s2 = s3;
                s3 = s4;
                s4 = s5;
                s5 = s6;
                s6 = s7;
                s7 = KEY[s + 8];
            }
            if (b < blocks) {
                a0 = scramble(a0, KEY[16]);
                a1 = scramble(a1, KEY[17]);
                a2 = scramble(a2, KEY[18]);
                a3 = scramble(a3, KEY[19]);
                a4 = scramble(a4, KEY[20]);
                a5 = scramble(a5, KEY[21]);
                a6 = scramble(a6, KEY[22]);
                a7 = scramble(a7, KEY[23]);
            }
        }
        // the last stripe, ending at the input's end, with its own secret offset
        long last = offset + length - STRIPE;
        long[] acc = {a0, a1, a2, a3, a4, a5, a6, a7};
        for (int i = 0; i < 8; i++) {
            long d = read(data, last + 8 * i);
            long k = d ^ LAST[i];
            acc[i ^ 1] += d;
            acc[i] += (k & 0xFFFFFFFFL) * (k >>> 32);
        }
        out[at] = merge(acc, MERGE_LOW, length * PRIME64_1);
        out[at + 1] = merge(acc, MERGE_HIGH, ~(length * PRIME64_2));
    }

    private static long scramble(long acc, long key) {
        return ((acc ^ (acc >>> 47)) ^ key) * PRIME32_1;
    }

    private static long merge(long[] acc, long[] key, long start) {
        long result = start;
        for (int i = 0; i < 4; i++) {
            result += fold(acc[2 * i] ^ key[2 * i], acc[2 * i + 1] ^ key[2 * i + 1]);
        }
        result ^= result >>> 37;
        result *= 0x165667919E3779F9L;
        return result ^ (result >>> 32);
    }

    /** The 128-bit product of two unsigned longs, its halves xored. */
    private static long fold(long a, long b) {
        long high = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        return (a * b) ^ high;
    }
}
