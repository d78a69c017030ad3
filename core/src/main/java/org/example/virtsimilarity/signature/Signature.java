package org.example.virtsimilarity.signature;

import java.util.Objects;
import java.util.Optional;
import org.example.virtsimilarity.Defaults;

/**
 * The compact form of one disk image: one digest per block, all-zero blocks marked by an all-zero digest (what the
 * {@code position} measure compares), and, where asked for, the {@link ContentFingerprints} of its data (what the
 * {@code content} measure compares). The final partial block is hashed as if padded with zeros, and the image's exact
 * size is kept.
 *
 * <p>Immutable. A 10 GiB image at 64 KiB blocks with a 128-bit hash takes 2.5 MiB, plus about 48 MiB of content
 * fingerprints where its 10 GiB are all data.
 */
public final class Signature {
    public static final int MIN_BLOCK_SIZE = 4096;
    public static final int MAX_BLOCK_SIZE = 1 << 20;
    public static final int DEFAULT_BLOCK_SIZE = Defaults.BLOCK_SIZE;

    private final ImageIdentity identity;
    private final HashAlgorithm algorithm;
    private final int blockSize;
    private final long imageSize;
    private final int blockCount;
    private final int words;
    private final DigestPages digests;
    private final int zeroBlocks;
    private final ContentFingerprints content;
    private final DigestScheme scheme;

    private Signature(Builder builder) {
        this.identity = builder.identity;
        this.algorithm = builder.algorithm;
        this.blockSize = builder.blockSize;
        this.imageSize = builder.imageSize;
        this.blockCount = builder.blockCount;
        this.words = algorithm.words();
        this.digests = builder.digests;
        this.content = builder.content;
        this.scheme = builder.scheme;
        int zeros = 0;
        for (int block = 0; block < blockCount; block++) {
            if (isZero(block)) {
                zeros++;
            }
        }
        this.zeroBlocks = zeros;
    }

    public static Builder builder(HashAlgorithm algorithm, int blockSize, long imageSize) {
        return new Builder(algorithm, blockSize, imageSize);
    }

    public ImageIdentity identity() {
        return identity;
    }

    /** The image's label in reports. */
    public String name() {
        return identity.name();
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    public int blockSize() {
        return blockSize;
    }

    /** The virtual disk's size in bytes. */
    public long imageSize() {
        return imageSize;
    }

    public int blockCount() {
        return blockCount;
    }

    public int zeroBlocks() {
        return zeroBlocks;
    }

    public int nonZeroBlocks() {
        return blockCount - zeroBlocks;
    }

    public boolean isZero(int block) {
        long index = (long) block * words;
        long[] page = digests.page(index);
        int at = DigestPages.offset(index);
        for (int w = 0; w < words; w++) {
            if (page[at + w] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Word {@code w} of block {@code block}'s digest; all words zero means a zero block. */
    public long word(int block, int w) {
        return digests.get((long) block * words + w);
    }

    /** Whether block {@code block} of this signature and of {@code other} have the same digest. */
    public boolean sameBlock(int block, Signature other) {
        long index = (long) block * words;
        long[] mine = digests.page(index);
        long[] theirs = other.digests.page(index);
        int at = DigestPages.offset(index);
        for (int w = 0; w < words; w++) {
            if (mine[at + w] != theirs[at + w]) {
                return false;
            }
        }
        return true;
    }

    /** Whether block {@code block} is zero; blocks past the image's end count as zero. */
    public boolean isZeroAt(int block) {
        return block >= blockCount || isZero(block);
    }

    /** Whether this and {@code other} hold the same block at {@code block}; blocks past an end count as zero. */
    public boolean sameAt(int block, Signature other) {
        if (block < blockCount && block < other.blockCount) {
            return sameBlock(block, other);
        }
        return isZeroAt(block) && other.isZeroAt(block);
    }

    /** The image's content fingerprints, where they were made (a signature for the position measure has none). */
    public Optional<ContentFingerprints> content() {
        return Optional.ofNullable(content);
    }

    /** What the block digests (and content fingerprints) are the hash of. */
    public DigestScheme scheme() {
        return scheme;
    }

    /** Whether {@code other}'s blocks can be compared with this one's: the same block size, hash and scheme. */
    public boolean isComparableWith(Signature other) {
        return blockSize == other.blockSize && algorithm == other.algorithm && scheme == other.scheme;
    }

    /** Whether {@code other}'s content fingerprints can be compared with this one's: the same hash and scheme. */
    public boolean isContentComparableWith(Signature other) {
        return algorithm == other.algorithm && scheme == other.scheme;
    }

    /** How the blocks were hashed, for errors that say why two signatures do not compare. */
    public String settings() {
        return blockSize + "-byte blocks, " + algorithm + ", " + scheme;
    }

    /** A copy with another identity, e.g. to name a signature read from a file after that file. */
    public Signature withIdentity(ImageIdentity newIdentity) {
        Builder builder = new Builder(algorithm, blockSize, imageSize);
        builder.identity = Objects.requireNonNull(newIdentity);
        builder.digests = digests;
        builder.content = content;
        builder.scheme = scheme;
        return new Signature(builder);
    }

    DigestPages digests() {
        return digests;
    }

    @Override
    public String toString() {
        return "Signature[" + name() + ", " + imageSize + " bytes, " + blockCount + " blocks of " + blockSize + ", "
                + algorithm + ", " + scheme + (content == null ? "" : ", " + content) + "]";
    }

    /** Collects the digests of one image; {@link Signer} fills them, several workers at once. */
    public static final class Builder {
        private final HashAlgorithm algorithm;
        private final int blockSize;
        private final long imageSize;
        private final int blockCount;
        private ImageIdentity identity = new ImageIdentity("", "", "", 0, 0, "");
        private DigestPages digests;
        private ContentFingerprints content;
        private DigestScheme scheme = DigestScheme.BLOCK_BYTES;

        private Builder(HashAlgorithm algorithm, int blockSize, long imageSize) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            checkBlockSize(blockSize);
            if (imageSize < 0) {
                throw new IllegalArgumentException("negative image size " + imageSize);
            }
            long blocks = (imageSize + blockSize - 1) / blockSize;
            if (blocks > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("image of " + imageSize + " bytes has too many blocks of "
                        + blockSize + " bytes");
            }
            this.blockSize = blockSize;
            this.imageSize = imageSize;
            this.blockCount = (int) blocks;
        }

        public Builder identity(ImageIdentity value) {
            this.identity = Objects.requireNonNull(value);
            return this;
        }

        public int blockCount() {
            return blockCount;
        }

        /** The image's content fingerprints; {@code null} for none. */
        public Builder content(ContentFingerprints value) {
            this.content = value;
            return this;
        }

        /** What the digests hash; {@link DigestScheme#SECTOR_DIGESTS} needs content fingerprints. */
        public Builder scheme(DigestScheme value) {
            this.scheme = Objects.requireNonNull(value);
            return this;
        }

        /** The digest array to fill: {@link HashAlgorithm#words()} longs per block, zeros for a zero block. */
        DigestPages digests() {
            if (digests == null) {
                digests = new DigestPages((long) blockCount * algorithm.words());
            }
            return digests;
        }

        /** Sets one block's digest ({@link HashAlgorithm#words()} words; all zero marks a zero block). */
        public Builder digest(int block, long... words) {
            if (words.length != algorithm.words() || block < 0 || block >= blockCount) {
                throw new IllegalArgumentException("block " + block + " with " + words.length + " words");
            }
            for (int w = 0; w < words.length; w++) {
                digests().set((long) block * words.length + w, words[w]);
            }
            return this;
        }

        /** Sets every digest at once from {@code values} ({@link HashAlgorithm#words()} per block), copied. */
        public Builder digests(long[] values) {
            return fill(java.nio.LongBuffer.wrap(values));
        }

        /** Sets every digest from the next words of {@code source}. */
        Builder fill(java.nio.LongBuffer source) {
            if (source.remaining() != (long) blockCount * algorithm.words()) {
                throw new IllegalArgumentException("expected " + (long) blockCount * algorithm.words() + " words");
            }
            digests().fill(source);
            return this;
        }

        public Signature build() {
            if (scheme == DigestScheme.SECTOR_DIGESTS && content == null) {
                throw new IllegalStateException("a signature of sector digests holds content fingerprints");
            }
            digests();
            return new Signature(this);
        }
    }

    /** Block sizes are powers of two from 4 KiB to 1 MiB. */
    public static void checkBlockSize(int blockSize) {
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize
                    + " is not a power of two from 4096 to 1048576");
        }
    }
}
