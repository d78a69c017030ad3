package org.example.virtsimilarity.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The fields of a qcow2 header that reading needs, checked as untrusted input; damage raises {@link Qcow2Exception}.
 * Features this reader does not implement (encryption, external data files, extended L2 entries, unknown compression)
 * are named in {@link #unsupported()}, so that the caller can use another reader, while the names of the other files
 * the image refers to are still read for the backing policy.
 */
record Qcow2Header(int version, int clusterBits, long virtualSize, int l1Size, long l1Offset,
                   Optional<String> backingFile, Optional<String> backingFormat, Optional<String> dataFile,
                   int compressionType, Optional<String> unsupported) {
    static final int MAGIC = 0x514649fb;
    static final long MAX_VIRTUAL_SIZE = 1L << 56;
    private static final int V2_HEADER_BYTES = 72;
    private static final long INCOMPATIBLE_DIRTY = 1;
    private static final long INCOMPATIBLE_CORRUPT = 1 << 1;
    private static final long INCOMPATIBLE_EXTERNAL_DATA = 1 << 2;
    private static final long INCOMPATIBLE_COMPRESSION_TYPE = 1 << 3;
    private static final long INCOMPATIBLE_EXTENDED_L2 = 1 << 4;
    private static final int EXTENSION_BACKING_FORMAT = 0xe2792aca;
    private static final int EXTENSION_DATA_FILE = 0x44415441;
    private static final int MAX_BACKING_NAME = 1023;
    /** qemu's limit (QCOW_MAX_L1_SIZE, 32 MiB of entries). */
    private static final int MAX_L1_ENTRIES = 4 << 20;

    int clusterSize() {
        return 1 << clusterBits;
    }

    /** Entries per L2 table. */
    int l2Entries() {
        return clusterSize() / Long.BYTES;
    }

    static Qcow2Header read(FileChannel channel, long fileSize) throws IOException {
        if (fileSize < V2_HEADER_BYTES) {
            throw new Qcow2Exception("header truncated (" + fileSize + " bytes)");
        }
        int headerRead = (int) Math.min(fileSize, 4096);
        ByteBuffer h = Qcow2Reader.readAt(channel, 0, headerRead);
        if (h.getInt(0) != MAGIC) {
            throw new Qcow2Exception("bad magic");
        }
        int version = h.getInt(4);
        if (version != 2 && version != 3) {
            throw new Qcow2Exception("unsupported version " + Integer.toUnsignedString(version));
        }
        long backingOffset = h.getLong(8);
        int backingSize = h.getInt(16);
        int clusterBits = h.getInt(20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw new Qcow2Exception("cluster bits " + Integer.toUnsignedString(clusterBits) + " out of range 9-21");
        }
        long virtualSize = h.getLong(24);
        if (virtualSize < 0 || virtualSize > MAX_VIRTUAL_SIZE) {
            throw new Qcow2Exception("virtual size " + Long.toUnsignedString(virtualSize) + " is too large");
        }
        String unsupported = h.getInt(32) != 0 ? "encrypted image" : null;
        int l1Size = h.getInt(36);
        long l1Offset = h.getLong(40);
        int clusterSize = 1 << clusterBits;
        long clusters = (virtualSize + clusterSize - 1) / clusterSize;
        long needed = (clusters + clusterSize / 8 - 1) / (clusterSize / 8);
        if (l1Size < 0 || l1Size > MAX_L1_ENTRIES) {
            throw new Qcow2Exception("L1 table of " + Integer.toUnsignedString(l1Size) + " entries is larger than"
                    + " qemu allows");
        }
        if (l1Size < needed || l1Size > needed + 1024) {
            throw new Qcow2Exception("L1 table of " + Integer.toUnsignedString(l1Size) + " entries does not fit "
                    + "virtual size " + virtualSize);
        }
        if (l1Size > 0 && (l1Offset <= 0 || l1Offset % clusterSize != 0
                || l1Offset + (long) l1Size * 8 > fileSize)) {
            throw new Qcow2Exception("L1 table at offset " + l1Offset + " lies outside the file");
        }
        int headerLength = V2_HEADER_BYTES;
        int compressionType = 0;
        boolean externalData = false;
        if (version == 3) {
            if (headerRead < 104) {
                throw new Qcow2Exception("version 3 header truncated");
            }
            long incompatible = h.getLong(72);
            long known = INCOMPATIBLE_DIRTY | INCOMPATIBLE_CORRUPT | INCOMPATIBLE_EXTERNAL_DATA
                    | INCOMPATIBLE_COMPRESSION_TYPE | INCOMPATIBLE_EXTENDED_L2;
            if ((incompatible & ~known) != 0) {
                unsupported = "unknown incompatible features 0x" + Long.toHexString(incompatible & ~known);
            }
            if ((incompatible & INCOMPATIBLE_CORRUPT) != 0) {
                throw new Qcow2Exception("image is marked corrupt");
            }
            if ((incompatible & INCOMPATIBLE_EXTERNAL_DATA) != 0) {
                unsupported = "external data file";
                externalData = true;
            }
            if ((incompatible & INCOMPATIBLE_EXTENDED_L2) != 0) {
                unsupported = "extended L2 entries";
            }
            headerLength = h.getInt(100);
            if (headerLength < 104 || headerLength > headerRead) {
                throw new Qcow2Exception("header length " + Integer.toUnsignedString(headerLength) + " is invalid");
            }
            if ((incompatible & INCOMPATIBLE_COMPRESSION_TYPE) != 0 && headerLength > 104) {
                compressionType = h.get(104) & 0xff;
                if (compressionType > 1) {
                    unsupported = "compression type " + compressionType;
                }
            }
        }
        Optional<String> backingFile = Optional.empty();
        if (backingOffset != 0) {
            if (backingSize <= 0 || backingSize > MAX_BACKING_NAME || backingOffset < 0
                    || backingOffset + backingSize > fileSize) {
                throw new Qcow2Exception("backing file name at offset " + backingOffset + " is invalid");
            }
            byte[] name = new byte[backingSize];
            Qcow2Reader.readAt(channel, backingOffset, backingSize).get(name);
            backingFile = Optional.of(new String(name, StandardCharsets.UTF_8));
        }
        // the extensions, walked as qemu walks them: from the header's end up to the backing file's name, or else
        // to the end of the first cluster
        long extensionsEnd = Math.min(fileSize, backingOffset != 0 ? backingOffset : clusterSize);
        ByteBuffer extensions = extensionsEnd > headerRead
                ? Qcow2Reader.readAt(channel, 0, (int) extensionsEnd) : h.duplicate().limit((int) extensionsEnd);
        Optional<String> backingFormat = extension(extensions, headerLength, EXTENSION_BACKING_FORMAT);
        Optional<String> dataFile = extension(extensions, headerLength, EXTENSION_DATA_FILE);
        if (externalData && dataFile.isEmpty()) {
            throw new Qcow2Exception("external data file flag set, but no data file named");
        }
        return new Qcow2Header(version, clusterBits, virtualSize, l1Size, l1Offset, backingFile, backingFormat,
                dataFile, compressionType, Optional.ofNullable(unsupported));
    }

    /**
     * The text of the first header extension of one type, walked as qemu does (qcow2_read_extensions): from exactly
     * the header's end, to the end of the area given, each step at least 8 bytes.
     */
    private static Optional<String> extension(ByteBuffer h, int start, int wanted) {
        int limit = h.limit();
        int at = start;
        while (at + 8 <= limit) {
            int type = h.getInt(at);
            int length = h.getInt(at + 4);
            if (type == 0) {
                break;
            }
            if (length < 0 || at + 8L + length > limit) {
                throw new Qcow2Exception("header extension at offset " + at + " runs past the header");
            }
            if (type == wanted) {
                byte[] name = new byte[length];
                h.get(at + 8, name);
                return Optional.of(new String(name, StandardCharsets.UTF_8));
            }
            long next = at + 8L + ((length + 7L) & ~7L);
            if (next > limit) {
                break;
            }
            at = (int) next;
        }
        return Optional.empty();
    }
}
