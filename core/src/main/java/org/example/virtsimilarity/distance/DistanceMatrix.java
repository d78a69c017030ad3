package org.example.virtsimilarity.distance;

/**
 * Pairwise distances between n images, as upstream counts them: the number of block positions where two images
 * differ, a position past the end of the shorter image counting only where the longer one is not zero there. Also
 * kept per pair: the positions where either image is non-zero, so that divergence can be given as a fraction.
 *
 * <p>Immutable; stored as upper triangles, so 10,000 images take 400 MB.
 */
public final class DistanceMatrix {
    private final int size;
    private final int blockSize;
    private final int[] differing;
    private final int[] nonZero;

    private DistanceMatrix(int size, int blockSize, int[] differing, int[] nonZero) {
        this.size = size;
        this.blockSize = blockSize;
        this.differing = differing;
        this.nonZero = nonZero;
    }

    /** A matrix over upper-triangle arrays (see {@link #index}), which it takes over. */
    static DistanceMatrix of(int size, int blockSize, int[] differing, int[] nonZero) {
        return new DistanceMatrix(size, blockSize, differing, nonZero);
    }

    public static Builder builder(int size, int blockSize) {
        return new Builder(size, blockSize);
    }

    /** The number of images. */
    public int size() {
        return size;
    }

    public int blockSize() {
        return blockSize;
    }

    /** The number of block positions where images i and j differ (upstream's distance); 0 for i == j. */
    public int blocks(int i, int j) {
        return i == j ? 0 : differing[index(i, j, size)];
    }

    /** The number of block positions where image i or image j is not zero. */
    public int nonZeroBlocks(int i, int j) {
        return i == j ? 0 : nonZero[index(i, j, size)];
    }

    /** The differing blocks in bytes. */
    public long bytes(int i, int j) {
        return (long) blocks(i, j) * blockSize;
    }

    /** Differing blocks over blocks that are non-zero in either image: 0 for clones, 1 for unrelated images. */
    public double divergence(int i, int j) {
        int union = nonZeroBlocks(i, j);
        return union == 0 ? 0.0 : (double) blocks(i, j) / union;
    }

    static int index(int i, int j, int n) {
        if (i == j || i < 0 || j < 0 || i >= n || j >= n) {
            throw new IndexOutOfBoundsException("pair (" + i + ", " + j + ") of " + n + " images");
        }
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        return (int) ((long) a * (2L * n - a - 1) / 2 + (b - a - 1));
    }

    /**
     * Fills a matrix pair by pair; every pair must be set before {@link #build()}. Threads may set distinct pairs at
     * once. The builder hands its arrays to the matrix, so it must not be used after {@code build()}.
     */
    public static final class Builder {
        private final int size;
        private final int blockSize;
        private final int[] differing;
        private final int[] nonZero;

        private Builder(int size, int blockSize) {
            long pairs = (long) size * (size - 1) / 2;
            if (size < 0 || pairs > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("cannot hold a matrix of " + size + " images");
            }
            this.size = size;
            this.blockSize = blockSize;
            this.differing = new int[(int) pairs];
            this.nonZero = new int[(int) pairs];
        }

        public Builder set(int i, int j, int differingBlocks, int nonZeroBlocks) {
            if (differingBlocks < 0 || nonZeroBlocks < differingBlocks) {
                throw new IllegalArgumentException("bad counts " + differingBlocks + "/" + nonZeroBlocks);
            }
            int at = index(i, j, size);
            differing[at] = differingBlocks;
            nonZero[at] = nonZeroBlocks;
            return this;
        }

        public DistanceMatrix build() {
            return new DistanceMatrix(size, blockSize, differing, nonZero);
        }
    }
}
