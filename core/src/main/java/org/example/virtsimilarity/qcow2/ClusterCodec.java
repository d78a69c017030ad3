package org.example.virtsimilarity.qcow2;

import java.util.zip.DataFormatException;

/**
 * Turns one compressed cluster, as stored (its bytes may run past the compressed stream into the next cluster's, up to
 * the sector the entry ends in), back into the cluster. Not thread-safe: the reader keeps one per thread.
 */
interface ClusterCodec extends AutoCloseable {
    /** The codec for the header's compression type: 0 deflate (qemu's default), 1 zstd. */
    static ClusterCodec forType(int compressionType) {
        return switch (compressionType) {
            case 0 -> new DeflateCluster(DeflateCluster.NATIVE);
            case 1 -> new ZstdCluster(ZstdCluster.NATIVE);
            default -> throw new IllegalArgumentException("compression type " + compressionType);
        };
    }

    /**
     * Decompresses {@code length} stored bytes into {@code out}.
     *
     * @return the number of bytes produced (a sound cluster fills {@code out})
     * @throws DataFormatException for damaged data, with the codec's reason
     */
    int decompress(byte[] in, int length, byte[] out) throws DataFormatException;

    /** Frees what the decoder holds outside the heap. */
    @Override
    void close();
}
