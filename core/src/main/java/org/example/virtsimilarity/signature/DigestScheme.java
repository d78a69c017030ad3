package org.example.virtsimilarity.signature;

/**
 * What a signature's block digests are the hash of. Two signatures' positions compare only under one scheme, and
 * their contents only under one scheme too, since the content fingerprints hash sector digests of the scheme's width.
 */
public enum DigestScheme {
    /**
     * A block's digest hashes the block's bytes: position-only signatures, and content signatures made before
     * {@code .vsig} version 3 (whose fingerprints hashed 128-bit sector digests besides).
     */
    BLOCK_BYTES("digests of block bytes"),
    /**
     * Every sector is hashed once ({@link HashAlgorithm#sectorWords()}); a block's digest hashes its sectors' digests
     * and a content chunk's fingerprint its sectors' digests, so one pass over the bytes makes both.
     */
    SECTOR_DIGESTS("digests of sector digests");

    private final String description;

    DigestScheme(String description) {
        this.description = description;
    }

    /** What users read in an error that says why two signatures do not compare. */
    @Override
    public String toString() {
        return description;
    }
}
