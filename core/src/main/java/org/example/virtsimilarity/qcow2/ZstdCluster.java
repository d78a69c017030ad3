package org.example.virtsimilarity.qcow2;

import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.zip.DataFormatException;

/**
 * A zstd-compressed cluster: one zstd frame, which qemu follows with whatever the rest of the last sector holds (often
 * the start of the next cluster's frame). The frame's own length is found by walking its header and block headers,
 * bounded by what was stored, and exactly that frame is decompressed (aircompressor's pure-Java decoder, so a fresh
 * machine needs no native library).
 */
final class ZstdCluster implements ClusterCodec {
    private static final int MAGIC = 0xFD2FB528;
    private static final int[] DICTIONARY_ID_BYTES = {0, 1, 2, 4};
    private static final int[] CONTENT_SIZE_BYTES = {0, 2, 4, 8};
    private static final int BLOCK_HEADER = 3;

    private final ZstdDecompressor decompressor = new ZstdDecompressor();

    @Override
    public int decompress(byte[] in, int length, byte[] out) throws DataFormatException {
        int frame = frameLength(in, length);
        try {
            return decompressor.decompress(in, 0, frame, out, 0, out.length);
        } catch (RuntimeException e) {
            // the decoder's verdict on a malformed frame (MalformedInputException and its kin), never a crash
            throw new DataFormatException("zstd: " + e.getMessage());
        }
    }

    /** The length of the frame at the start of {@code in}, which must lie within {@code length} bytes. */
    static int frameLength(byte[] in, int length) throws DataFormatException {
        if (length < 6 || littleEndian(in, 0, 4) != MAGIC) {
            throw new DataFormatException("not a zstd frame");
        }
        int descriptor = in[4] & 0xff;
        if ((descriptor & 0x08) != 0) {
            throw new DataFormatException("zstd frame header has its reserved bit set");
        }
        boolean singleSegment = (descriptor & 0x20) != 0;
        int contentSizeFlag = descriptor >>> 6;
        int at = 5 + (singleSegment ? 0 : 1) + DICTIONARY_ID_BYTES[descriptor & 3]
                + (contentSizeFlag == 0 ? (singleSegment ? 1 : 0) : CONTENT_SIZE_BYTES[contentSizeFlag]);
        while (true) {
            if (at + BLOCK_HEADER > length) {
                throw new DataFormatException("zstd frame is cut short");
            }
            int block = littleEndian(in, at, BLOCK_HEADER);
            at += BLOCK_HEADER;
            int size = block >>> 3;
            at += switch ((block >>> 1) & 3) {
                case 0, 2 -> size; // raw, compressed
                case 1 -> 1; // one byte repeated
                default -> throw new DataFormatException("zstd block of the reserved type");
            };
            if (at > length) {
                throw new DataFormatException("zstd frame is cut short");
            }
            if ((block & 1) != 0) {
                break;
            }
        }
        at += (descriptor & 0x04) != 0 ? 4 : 0; // content checksum
        if (at > length) {
            throw new DataFormatException("zstd frame is cut short");
        }
        return at;
    }

    private static int littleEndian(byte[] in, int at, int bytes) {
        int value = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            value = (value << 8) | (in[at + i] & 0xff);
        }
        return value;
    }
}
