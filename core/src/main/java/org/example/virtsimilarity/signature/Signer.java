package org.example.virtsimilarity.signature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.example.virtsimilarity.concurrent.Workers;
import org.example.virtsimilarity.image.ImageReader;

/**
 * Turns an image into its signature. Each worker reads its own stretches (1 MiB, a whole number of blocks, small enough
 * to be hashed from cache) into its own buffer and hashes their blocks into the shared digest array, so memory stays at
 * one buffer per worker whatever the image's size. Buffers are reused from image to image ({@link ReadBuffers}). A
 * streaming reader gets one worker, which reads in order.
 *
 * <p>With content fingerprints, the same pass also cuts the data into content-defined chunks ({@link SectorChunker}),
 * and every byte is hashed once ({@link DigestScheme#SECTOR_DIGESTS}): a block's digest and a chunk's fingerprint
 * both hash the digests of their 512-byte sectors. Chunking runs in order, so each worker then takes a whole segment
 * of {@value #SEGMENT_BYTES} bytes at a time; a segment's ends are cuts, which costs at most a chunk per 16 MiB of
 * moved data.
 */
public final class Signer {
    /** What a worker reads at a time: a whole number of blocks, small enough to be hashed from cache. */
    static final int READ_BYTES = 1 << 20;
    static final int SEGMENT_BYTES = 16 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(Signature.MAX_BLOCK_SIZE).asReadOnlyBuffer();

    private final HashAlgorithm algorithm;
    private final int blockSize;
    private final int workers;
    private final boolean direct;
    private final boolean content;

    /**
     * @param content also make the image's {@link ContentFingerprints}, with {@link DigestScheme#SECTOR_DIGESTS}
     */
    public Signer(HashAlgorithm algorithm, int blockSize, int workers, boolean content) {
        this(algorithm, blockSize, workers, content, algorithm.newHasher().prefersDirectBuffers());
    }

    /**
     * @param direct read into direct buffers (one copy less, where the hasher reads them in place) or heap arrays
     */
    Signer(HashAlgorithm algorithm, int blockSize, int workers, boolean content, boolean direct) {
        Signature.checkBlockSize(blockSize);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.algorithm = algorithm;
        this.blockSize = blockSize;
        this.workers = workers;
        this.content = content;
        this.direct = direct;
    }

    /**
     * Reads the whole image and returns its signature.
     *
     * @param progress told the number of bytes done so far, from one thread at a time
     */
    public Signature sign(ImageReader reader, ImageIdentity identity, LongConsumer progress) throws IOException {
        long size = reader.size();
        Signature.Builder builder = Signature.builder(algorithm, blockSize, size).identity(identity)
                .scheme(content ? DigestScheme.SECTOR_DIGESTS : DigestScheme.BLOCK_BYTES);
        DigestPages digests = builder.digests();
        int unit = content ? SEGMENT_BYTES : READ_BYTES;
        long units = (size + unit - 1) / unit;
        if (units > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image of " + size + " bytes is too large");
        }
        Segment[] segments = content ? new Segment[(int) units] : null;
        AtomicLong nextUnit = new AtomicLong();
        AtomicLong done = new AtomicLong();
        int threads = reader.isRandomAccess() ? (int) Math.min(workers, Math.max(1, units)) : 1;
        Workers.runAll(threads, "virt-similarity-signer", failed -> {
            BlockHasher hasher = content ? null : algorithm.newHasher();
            SectorChunker chunker = content ? new SectorChunker(algorithm, expectedChunks(size, threads)) : null;
            SectorDigests sectors = content ? new SectorDigests(algorithm, blockSize) : null;
            ByteBuffer buffer = ReadBuffers.take(direct);
            try {
                for (long u = nextUnit.getAndIncrement(); u < units && !failed.getAsBoolean();
                        u = nextUnit.getAndIncrement()) {
                    long end = Math.min(size, (u + 1) * unit);
                    int firstChunk = chunker == null ? 0 : chunker.count();
                    for (long offset = u * unit; offset < end; offset += READ_BYTES) {
                        int length = (int) Math.min(READ_BYTES, end - offset);
                        signStretch(reader, buffer, offset, length, hasher, digests, chunker, sectors);
                        report(progress, done.addAndGet(length));
                    }
                    if (chunker != null) {
                        segments[(int) u] = new Segment(chunker, firstChunk, chunker.endStretch());
                    }
                }
            } finally {
                ReadBuffers.give(buffer);
            }
        });
        if (content) {
            builder.content(join(segments));
        }
        return builder.build();
    }

    /** A worker's share of an image full of data, in chunks of about 4 KiB, up to a million (16 MiB). */
    private static int expectedChunks(long size, int threads) {
        return (int) Math.min(size / threads / 4096, 1 << 20);
    }

    private static void report(LongConsumer progress, long total) {
        synchronized (progress) {
            progress.accept(total);
        }
    }

    /** A segment's chunks: those its worker's chunker cut from {@code from} to {@code to}. */
    private record Segment(SectorChunker chunker, int from, int to) {
    }

    /** One segment's chunks after another's, in disk order. */
    private static ContentFingerprints join(Segment[] segments) {
        long total = 0;
        for (Segment segment : segments) {
            total += segment.to - segment.from;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " content chunks are too many for one signature");
        }
        long[] fingerprints = new long[(int) total];
        long[] spans = new long[(int) total];
        int at = 0;
        for (Segment segment : segments) {
            segment.chunker.copy(segment.from, segment.to, fingerprints, spans, at);
            at += segment.to - segment.from;
        }
        return ContentFingerprints.of(fingerprints, spans);
    }

    /**
     * Reads and hashes one read's blocks, skipping runs of blocks the reader knows to be zero: those keep the zero
     * marker the digest array starts with, so a sparse image costs what its allocated part costs.
     */
    private void signStretch(ImageReader reader, ByteBuffer buffer, long offset, int length, BlockHasher hasher,
                             DigestPages digests, SectorChunker chunker, SectorDigests sectors) throws IOException {
        int blocks = (length + blockSize - 1) / blockSize;
        int firstBlock = (int) (offset / blockSize);
        if (reader.isKnownZero(offset, length)) {
            if (chunker != null) {
                chunker.cut();
            }
            return;
        }
        int block = 0;
        while (block < blocks) {
            int zeros = block;
            while (block < blocks && reader.isKnownZero(offset + (long) block * blockSize, blockSize)) {
                block++;
            }
            if (chunker != null && block > zeros) {
                chunker.cut();
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
                if (chunker == null) {
                    hashBlocks(buffer, from, to, firstBlock + start, hasher, digests);
                } else {
                    hashBySectors(buffer, from, to, offset, firstBlock + start, digests, chunker, sectors);
                }
            }
        }
    }
    /** Hashes the blocks in {@code data[from, to)}; a final partial block is padded with zeros first. */
    private void hashBlocks(ByteBuffer data, int from, int to, int firstBlock, BlockHasher hasher,
                            DigestPages digests) {
        int padded = padded(data, from, to);
        ByteBuffer zeroBlock = ZEROS.slice(0, blockSize);
        int words = algorithm.words();
        for (int at = from, block = firstBlock; at < padded; at += blockSize, block++) {
            if (!isZero(data, at, zeroBlock)) {
                long index = (long) block * words;
                hasher.hash(data, at, blockSize, digests.page(index), DigestPages.offset(index));
            }
        }
    }

    /**
     * Hashes the blocks in {@code data[from, to)} (of the stretch at disk offset {@code offset}) sector by sector, and
     * hands the sectors' digests on to the chunker; zero blocks are neither hashed nor chunked.
     */
    private void hashBySectors(ByteBuffer data, int from, int to, long offset, int firstBlock, DigestPages digests,
                               SectorChunker chunker, SectorDigests sectors) {
        int padded = padded(data, from, to);
        ByteBuffer zeroBlock = ZEROS.slice(0, blockSize);
        int words = algorithm.words();
        for (int at = from, block = firstBlock; at < padded; at += blockSize, block++) {
            if (isZero(data, at, zeroBlock)) {
                chunker.cut();
                continue;
            }
            long index = (long) block * words;
            sectors.hashBlock(data, at, digests.page(index), DigestPages.offset(index));
            // sectors of a padded final block past the image's end are zero, so no chunk runs past a sector beyond it
            chunker.accept(data, at, sectors.sectorsPerBlock(), offset + at, sectors.sectorDigests());
        }
    }

    /**
     * Whether the block at {@code at} is all zeros: compared through the buffer's own window, which a slice would
     * allocate an object a block for (6 % of a content run).
     */
    private boolean isZero(ByteBuffer data, int at, ByteBuffer zeroBlock) {
        data.limit(at + blockSize).position(at);
        boolean zero = data.mismatch(zeroBlock) < 0;
        data.clear();
        return zero;
    }

    /** Pads a final partial block of {@code data[from, to)} with zeros; returns where the whole blocks end. */
    private int padded(ByteBuffer data, int from, int to) {
        int padded = from + (to - from + blockSize - 1) / blockSize * blockSize;
        data.clear();
        data.put(to, ZEROS, 0, padded - to);
        return padded;
    }
}
