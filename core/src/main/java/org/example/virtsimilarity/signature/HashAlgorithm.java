package org.example.virtsimilarity.signature;

import org.example.virtsimilarity.Ids;

/**
 * How blocks are hashed. The id is what users type; the code is what a {@code .vsig} file stores: never reuse one.
 */
public enum HashAlgorithm {
    /** xxHash3 128-bit: about 14 GB/s a core; the default where nobody crafts collisions. */
    XXH128("xxh128", 1, 16, 8),
    /** SHA-256, for settings where someone might craft colliding blocks. */
    SHA256("sha256", 2, 32, 32),
    /** MD5, upstream's hash, for comparison with upstream. */
    MD5("md5", 3, 16, 16);

    private final String id;
    private final int code;
    private final int digestBytes;
    private final int sectorDigestBytes;

    HashAlgorithm(String id, int code, int digestBytes, int sectorDigestBytes) {
        this.id = id;
        this.code = code;
        this.digestBytes = digestBytes;
        this.sectorDigestBytes = sectorDigestBytes;
    }

    /** The name users type, e.g. {@code xxh128}. */
    public String id() {
        return id;
    }

    int code() {
        return code;
    }

    public int digestBytes() {
        return digestBytes;
    }

    /** Digest size in 64-bit words, as signatures store it. */
    public int words() {
        return digestBytes / Long.BYTES;
    }

    /**
     * A 512-byte sector's digest size in 64-bit words, for {@link DigestScheme#SECTOR_DIGESTS}: xxh128 keeps 64 bits a
     * sector (XXH3-64; a block's digest over them is still 128 bits), the cryptographic hashes their whole digest.
     */
    public int sectorWords() {
        return sectorDigestBytes / Long.BYTES;
    }

    /** A new hasher; hashers are not thread-safe, so each worker takes its own. */
    public BlockHasher newHasher() {
        return this == XXH128 ? new Xxh128Hasher() : new DigestHasher(this == SHA256 ? "SHA-256" : "MD5");
    }

    public static HashAlgorithm fromId(String id) {
        return Ids.parse(HashAlgorithm.class, HashAlgorithm::id, "hash", id);
    }

    static HashAlgorithm fromCode(int code) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.code == code) {
                return algorithm;
            }
        }
        return null;
    }

    public static String ids() {
        return Ids.list(HashAlgorithm.class, HashAlgorithm::id);
    }

    @Override
    public String toString() {
        return id;
    }
}
