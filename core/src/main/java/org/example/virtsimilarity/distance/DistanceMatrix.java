package org.example.virtsimilarity.distance;

/**
 * Pairwise distances between n images. For the {@link Measure#POSITION position} measure, as upstream counts them:
 * the number of block positions where two images differ, a position past the end of the shorter image counting only
 * where the longer one is not zero there; also kept per pair, the positions where either image is non-zero, so that
 * divergence can be given as a fraction. For the {@link Measure#CONTENT content} measure the same two counts are in
 * units of data ({@link #blockSize()} bytes): data not shared, and data in either image.
 *
 * <p>Immutable; stored as upper triangles, so 10,000 images take 400 MB.
 */
public final class DistanceMatrix {
    /** Content clustering distances are divergences in millionths (an integer, as upstream's clustering takes). */
    static final double CONTENT_SCALE = 1e6;

    private final Measure measure;
    private final int size;
    private final int blockSize;
    private final int[] differing;
    private final int[] nonZero;

    private DistanceMatrix(Measure measure, int size, int blockSize, int[] differing, int[] nonZero) {
        this.measure = measure;
        this.size = size;
        this.blockSize = blockSize;
        this.differing = differing;
        this.nonZero = nonZero;
    }

    /** A position matrix over upper-triangle arrays (see {@link #index}), which it takes over. */
    static DistanceMatrix of(int size, int blockSize, int[] differing, int[] nonZero) {
        return new DistanceMatrix(Measure.POSITION, size, blockSize, differing, nonZero);
    }

    /** A content matrix over upper-triangle arrays in units of {@code unitBytes}, which it takes over. */
    static DistanceMatrix content(int size, int unitBytes, int[] differing, int[] union) {
        return new DistanceMatrix(Measure.CONTENT, size, unitBytes, differing, union);
    }

    public Measure measure() {
        return measure;
    }

    public static Builder builder(int size, int blockSize) {
        return new Builder(size, blockSize);
    }

    /** The number of images. */
    public int size() {
        return size;
    }

    /** The unit of {@link #blocks} in bytes: the block size, or for content a multiple of the 512-byte sector. */
    public int blockSize() {
        return blockSize;
    }

    /**
     * The distance clustering joins images by: upstream's differing blocks for position, so that cladograms stay
     * upstream's; for content, the symmetric divergence (1 - weighted Jaccard) in millionths.
     */
    public int clusteringDistance(int i, int j) {
        return measure == Measure.POSITION ? blocks(i, j) : (int) Math.round(divergence(i, j) * CONTENT_SCALE);
    }

    /** The number of block positions (or content units) where images i and j differ; 0 for i == j. */
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
            return new DistanceMatrix(Measure.POSITION, size, blockSize, differing, nonZero);
        }
    }
}
