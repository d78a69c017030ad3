package org.example.virtsimilarity.signature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.example.virtsimilarity.concurrent.Workers;
import org.example.virtsimilarity.image.ImageReader;

/**
 * Turns an image into its signature. Each worker reads its own chunks (1 MiB, a whole number of blocks, small enough to be hashed from cache) into its own
 * buffer and hashes their blocks into the shared digest array, so memory stays at one buffer per worker whatever
 * the image's size. A streaming reader gets one worker, which reads in order.
 */
public final class Signer {
    static final int CHUNK_BYTES = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(Signature.MAX_BLOCK_SIZE).asReadOnlyBuffer();

    private final HashAlgorithm algorithm;
    private final int blockSize;
    private final int workers;
    private final boolean direct;

    public Signer(HashAlgorithm algorithm, int blockSize, int workers) {
        this(algorithm, blockSize, workers, algorithm.newHasher().prefersDirectBuffers());
    }

    /**
     * @param direct read into direct buffers (one copy less, where the hasher reads them in place) or heap arrays
     */
    Signer(HashAlgorithm algorithm, int blockSize, int workers, boolean direct) {
        Signature.checkBlockSize(blockSize);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.algorithm = algorithm;
        this.blockSize = blockSize;
        this.workers = workers;
        this.direct = direct;
    }

    /**
     * Reads the whole image and returns its signature.
     *
     * @param progress told the number of bytes done so far, from one thread at a time
     */
    public Signature sign(ImageReader reader, ImageIdentity identity, LongConsumer progress) throws IOException {
        long size = reader.size();
        Signature.Builder builder = Signature.builder(algorithm, blockSize, size).identity(identity);
        DigestPages digests = builder.digests();
        long chunks = (size + CHUNK_BYTES - 1) / CHUNK_BYTES;
        AtomicLong nextChunk = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            try {
                ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(CHUNK_BYTES) : ByteBuffer.allocate(CHUNK_BYTES);
                BlockHasher hasher = algorithm.newHasher();
                for (long chunk = nextChunk.getAndIncrement(); chunk < chunks && failure.get() == null;
                        chunk = nextChunk.getAndIncrement()) {
                    long offset = chunk * CHUNK_BYTES;
                    int length = (int) Math.min(CHUNK_BYTES, size - offset);
                    signChunk(reader, buffer, offset, length, hasher, digests);
                    long total = done.addAndGet(length);
                    synchronized (progress) {
                        progress.accept(total);
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        };
        int threads = reader.isRandomAccess() ? (int) Math.min(workers, Math.max(1, chunks)) : 1;
        Workers.run(threads, "virt-similarity-signer", work);
        Throwable error = failure.get();
        if (error instanceof IOException e) {
            throw e;
        } else if (error instanceof RuntimeException e) {
            throw e;
        } else if (error instanceof Error e) {
            throw e;
        }
        return builder.build();
    }

    /**
     * Reads and hashes one chunk's blocks, skipping runs of blocks the reader knows to be zero: those keep the zero
     * marker the digest array starts with, so a sparse image costs what its allocated part costs.
     */
    private void signChunk(ImageReader reader, ByteBuffer buffer, long offset, int length, BlockHasher hasher,
                           DigestPages digests) throws IOException {
        int blocks = (length + blockSize - 1) / blockSize;
        int firstBlock = (int) (offset / blockSize);
        if (reader.isKnownZero(offset, length)) {
            return;
        }
        int block = 0;
        while (block < blocks) {
            while (block < blocks && reader.isKnownZero(offset + (long) block * blockSize, blockSize)) {
                block++;
            }
            int start = block;
            while (block < blocks && !reader.isKnownZero(offset + (long) block * blockSize, blockSize)) {
                block++;
            }
            if (block > start) {
                int from = start * blockSize;
                int to = Math.min(block * blockSize, length);
                buffer.clear().position(from).limit(to);
                reader.readFully(buffer, offset + from);
                hashBlocks(buffer, from, to, firstBlock + start, hasher, digests);
            }
        }
    }

    /** Hashes the blocks in {@code data[from, to)}; a final partial block is padded with zeros first. */
    private void hashBlocks(ByteBuffer data, int from, int to, int firstBlock, BlockHasher hasher,
                            DigestPages digests) {
        int padded = from + (to - from + blockSize - 1) / blockSize * blockSize;
        data.clear();
        data.put(to, ZEROS, 0, padded - to);
        ByteBuffer zeroBlock = ZEROS.slice(0, blockSize);
        int words = algorithm.words();
        for (int at = from, block = firstBlock; at < padded; at += blockSize, block++) {
            if (data.slice(at, blockSize).mismatch(zeroBlock) >= 0) {
                long index = (long) block * words;
                hasher.hash(data, at, blockSize, digests.page(index), DigestPages.offset(index));
            }
        }
    }
}
