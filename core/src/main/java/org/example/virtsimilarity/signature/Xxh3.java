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
 * 4 KiB, sectors of 512 bytes and digest lists padded to 256 bytes, so the short-input paths of XXH3 are not
 * needed. Sectors also have their own XXH3-64 kernel ({@link #hashSectors}). {@code XxhCompatibilityTest} checks both
 * against zero-allocation-hashing's implementation.
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

    /** The secret words a 512-byte input uses, as constants the JIT folds into {@link #sector64}'s code. */
    private static final long K0 = KEY[0];
    private static final long K1 = KEY[1];
    private static final long K2 = KEY[2];
    private static final long K3 = KEY[3];
    private static final long K4 = KEY[4];
    private static final long K5 = KEY[5];
    private static final long K6 = KEY[6];
    private static final long K7 = KEY[7];
    private static final long K8 = KEY[8];
    private static final long K9 = KEY[9];
    private static final long K10 = KEY[10];
    private static final long K11 = KEY[11];
    private static final long K12 = KEY[12];
    private static final long K13 = KEY[13];
    private static final long L0 = LAST[0];
    private static final long L1 = LAST[1];
    private static final long L2 = LAST[2];
    private static final long L3 = LAST[3];
    private static final long L4 = LAST[4];
    private static final long L5 = LAST[5];
    private static final long L6 = LAST[6];
    private static final long L7 = LAST[7];
    private static final long M0 = MERGE_LOW[0];
    private static final long M1 = MERGE_LOW[1];
    private static final long M2 = MERGE_LOW[2];
    private static final long M3 = MERGE_LOW[3];
    private static final long M4 = MERGE_LOW[4];
    private static final long M5 = MERGE_LOW[5];
    private static final long M6 = MERGE_LOW[6];
    private static final long M7 = MERGE_LOW[7];
    static final int SECTOR = 512;

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
        // the last stripe, ending at the input's end, with its own secret offset (in locals: an array here would be
        // allocated for every chunk a content run fingerprints)
        long last = offset + length - STRIPE;
        long d0 = read(data, last);
        long d1 = read(data, last + 8);
        a0 += d1 + lane(d0 ^ L0);
        a1 += d0 + lane(d1 ^ L1);
        d0 = read(data, last + 16);
        d1 = read(data, last + 24);
        a2 += d1 + lane(d0 ^ L2);
        a3 += d0 + lane(d1 ^ L3);
        d0 = read(data, last + 32);
        d1 = read(data, last + 40);
        a4 += d1 + lane(d0 ^ L4);
        a5 += d0 + lane(d1 ^ L5);
        d0 = read(data, last + 48);
        d1 = read(data, last + 56);
        a6 += d1 + lane(d0 ^ L6);
        a7 += d0 + lane(d1 ^ L7);
        out[at] = merge(a0, a1, a2, a3, a4, a5, a6, a7, MERGE_LOW, length * PRIME64_1);
        out[at + 1] = merge(a0, a1, a2, a3, a4, a5, a6, a7, MERGE_HIGH, ~(length * PRIME64_2));
    }

    /**
     * XXH3-64 of each of {@code count} 512-byte sectors from {@code offset} into {@code out} from {@code at}: the low
     * half of their XXH3-128. Unrolled with the secret as constants, as a loop over stripes costs a quarter more on
     * inputs this short, and it is what the content measure hashes every byte with.
     */
    static void hashSectors(ByteBuffer data, int offset, int count, long[] out, int at) {
        if (offset < 0 || count < 0 || offset + (long) count * SECTOR > data.capacity()) {
            throw new IndexOutOfBoundsException(count + " sectors at " + offset);
        }
        Object base = data.hasArray() ? data.array() : null;
        long start = data.hasArray() ? BYTES + data.arrayOffset() + offset : UNSAFE.getLong(data, ADDRESS) + offset;
        for (int sector = 0; sector < count; sector++) {
            out[at + sector] = sector64(base, start + (long) sector * SECTOR);
        }
    }

    private static long sector64(Object data, long at) {
        long a0 = PRIME32_3;
        long a1 = PRIME64_1;
        long a2 = PRIME64_2;
        long a3 = PRIME64_3;
        long a4 = PRIME64_4;
        long a5 = PRIME32_2;
        long a6 = PRIME64_5;
        long a7 = PRIME32_1;
        long p;
        long d0;
        long d1;
        // seven stripes with the secret sliding a word a stripe, then the last stripe with its own secret words
        p = at;
        d0 = read(data, p + 0);
        d1 = read(data, p + 8);
        a0 += d1 + lane(d0 ^ K0);
        a1 += d0 + lane(d1 ^ K1);
        d0 = read(data, p + 16);
        d1 = read(data, p + 24);
        a2 += d1 + lane(d0 ^ K2);
        a3 += d0 + lane(d1 ^ K3);
        d0 = read(data, p + 32);
        d1 = read(data, p + 40);
        a4 += d1 + lane(d0 ^ K4);
        a5 += d0 + lane(d1 ^ K5);
        d0 = read(data, p + 48);
        d1 = read(data, p + 56);
        a6 += d1 + lane(d0 ^ K6);
        a7 += d0 + lane(d1 ^ K7);
        p = at + 64;
        d0 = read(data, p + 0);
        d1 = read(data, p + 8);
        a0 += d1 + lane(d0 ^ K1);
        a1 += d0 + lane(d1 ^ K2);
        d0 = read(data, p + 16);
        d1 = read(data, p + 24);
        a2 += d1 + lane(d0 ^ K3);
        a3 += d0 + lane(d1 ^ K4);
        d0 = read(data, p + 32);
        d1 = read(data, p + 40);
        a4 += d1 + lane(d0 ^ K5);
        a5 += d0 + lane(d1 ^ K6);
        d0 = read(data, p + 48);
        d1 = read(data, p + 56);
        a6 += d1 + lane(d0 ^ K7);
        a7 += d0 + lane(d1 ^ K8);
        p = at + 128;
        d0 = read(data, p + 0);
        d1 = read(data, p + 8);
        a0 += d1 + lane(d0 ^ K2);
        a1 += d0 + lane(d1 ^ K3);
        d0 = read(data, p + 16);
        d1 = read(data, p + 24);
        a2 += d1 + lane(d0 ^ K4);
        a3 += d0 + lane(d1 ^ K5);
        d0 = read(data, p + 32);
        d1 = read(data, p + 40);
        a4 += d1 + lane(d0 ^ K6);
        a5 += d0 + lane(d1 ^ K7);
        d0 = read(data, p + 48);
        d1 = read(data, p + 56);
        a6 += d1 + lane(d0 ^ K8);
        a7 += d0 + lane(d1 ^ K9);
        p = at + 192;
        d0 = read(data, p + 0);
        d1 = read(data, p + 8);
        a0 += d1 + lane(d0 ^ K3);
        a1 += d0 + lane(d1 ^ K4);
        d0 = read(data, p + 16);
        d1 = read(data, p + 24);
        a2 += d1 + lane(d0 ^ K5);
        a3 += d0 + lane(d1 ^ K6);
        d0 = read(data, p + 32);
        d1 = read(data, p + 40);
        a4 += d1 + lane(d0 ^ K7);
        a5 += d0 + lane(d1 ^ K8);
        d0 = read(data, p + 48);
        d1 = read(data, p + 56);
        a6 += d1 + lane(d0 ^ K9);
        a7 += d0 + lane(d1 ^ K10);
        p = at + 256;
        d0 = read(data, p + 0);
        d1 = read(data, p + 8);
        a0 += d1 + lane(d0 ^ K4);
        a1 += d0 + lane(d1 ^ K5);
        d0 = read(data, p + 16);
        d1 = read(data, p + 24);
        a2 += d1 + lane(d0 ^ K6);
        a3 += d0 + lane(d1 ^ K7);
        d0 = read(data, p + 32);
        d1 = read(data, p + 40);
        a4 += d1 + lane(d0 ^ K8);
        a5 += d0 + lane(d1 ^ K9);
        d0 = read(data, p + 48);
        d1 = read(data, p + 56);
        a6 += d1 + lane(d0 ^ K10);
        a7 += d0 + lane(d1 ^ K11);
        p = at + 320;
        d0 = read(data, p + 0);
        d1 = read(data, p + 8);
        a0 += d1 + lane(d0 ^ K5);
        a1 += d0 + lane(d1 ^ K6);
        d0 = read(data, p + 16);
        d1 = read(data, p + 24);
        a2 += d1 + lane(d0 ^ K7);
        a3 += d0 + lane(d1 ^ K8);
        d0 = read(data, p + 32);
        d1 = read(data, p + 40);
        a4 += d1 + lane(d0 ^ K9);
        a5 += d0 + lane(d1 ^ K10);
        d0 = read(data, p + 48);
        d1 = read(data, p + 56);
        a6 += d1 + lane(d0 ^ K11);
        a7 += d0 + lane(d1 ^ K12);
        p = at + 384;
        d0 = read(data, p + 0);
        d1 = read(data, p + 8);
        a0 += d1 + lane(d0 ^ K6);
        a1 += d0 + lane(d1 ^ K7);
        d0 = read(data, p + 16);
        d1 = read(data, p + 24);
        a2 += d1 + lane(d0 ^ K8);
        a3 += d0 + lane(d1 ^ K9);
        d0 = read(data, p + 32);
        d1 = read(data, p + 40);
        a4 += d1 + lane(d0 ^ K10);
        a5 += d0 + lane(d1 ^ K11);
        d0 = read(data, p + 48);
        d1 = read(data, p + 56);
        a6 += d1 + lane(d0 ^ K12);
        a7 += d0 + lane(d1 ^ K13);
        p = at + 448;
        d0 = read(data, p + 0);
        d1 = read(data, p + 8);
        a0 += d1 + lane(d0 ^ L0);
        a1 += d0 + lane(d1 ^ L1);
        d0 = read(data, p + 16);
        d1 = read(data, p + 24);
        a2 += d1 + lane(d0 ^ L2);
        a3 += d0 + lane(d1 ^ L3);
        d0 = read(data, p + 32);
        d1 = read(data, p + 40);
        a4 += d1 + lane(d0 ^ L4);
        a5 += d0 + lane(d1 ^ L5);
        d0 = read(data, p + 48);
        d1 = read(data, p + 56);
        a6 += d1 + lane(d0 ^ L6);
        a7 += d0 + lane(d1 ^ L7);
        return avalanche(SECTOR * PRIME64_1 + fold(a0 ^ M0, a1 ^ M1) + fold(a2 ^ M2, a3 ^ M3) + fold(a4 ^ M4, a5 ^ M5)
                + fold(a6 ^ M6, a7 ^ M7));
    }

    private static long lane(long key) {
        return (key & 0xFFFFFFFFL) * (key >>> 32);
    }

    private static long scramble(long acc, long key) {
        return ((acc ^ (acc >>> 47)) ^ key) * PRIME32_1;
    }

    private static long merge(long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7, long[] key,
                              long start) {
        long result = start + fold(a0 ^ key[0], a1 ^ key[1]) + fold(a2 ^ key[2], a3 ^ key[3])
                + fold(a4 ^ key[4], a5 ^ key[5]) + fold(a6 ^ key[6], a7 ^ key[7]);
        return avalanche(result);
    }

    private static long avalanche(long hash) {
        long result = hash ^ (hash >>> 37);
        result *= 0x165667919E3779F9L;
        return result ^ (result >>> 32);
    }

    /** The 128-bit product of two unsigned longs, its halves xored. */
    private static long fold(long a, long b) {
        long high = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        return (a * b) ^ high;
    }
}
