package org.example.virtsimilarity.qcow2;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.DataFormatException;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.io.ChannelReads;
import org.example.virtsimilarity.io.ZeroFill;
import org.example.virtsimilarity.raw.RawImageReader;

/**
 * Reads qcow2 images on the host, without qemu: follows the L1 and L2 tables, inflates deflate- and zstd-compressed
 * clusters, and reads unallocated clusters from the backing file (qcow2 or raw) of the approved {@link BackingChain}.
 * Zero clusters and unallocated ones with nothing beneath are reported by {@link #isKnownZero} and never read.
 *
 * <p>Every offset read from the file is checked before use: tables and clusters must lie inside the file, and L2
 * tables are loaded once per distinct offset, so memory stays below the file's size.
 * Thread-safe: positional reads, a concurrent table cache, one decompressor per thread.
 */
public final class Qcow2Reader implements ImageReader {
    private static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
    private static final long COMPRESSED = 1L << 62;
    private static final long ZERO_FLAG = 1L;
    private static final long RESERVED_STANDARD = 0x3f00_0000_0000_01feL;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final Qcow2Header header;
    private final long[] l1;
    private final ImageReader backing;
    /** The backing file's size, read once at open (0 without a backing file). */
    private final long backingSize;
    /** L2 tables by file offset: a table is loaded once however many L1 entries point at it. */
    private final ConcurrentHashMap<Long, long[]> l2Tables = new ConcurrentHashMap<>();
    /** The same tables by L1 index, so the hot path neither boxes nor hashes. */
    private final AtomicReferenceArray<long[]> l2ByIndex;
    /**
     * Where tables are read, one at a time: memory new to the process costs a page fault every 4 KiB (11 µs here), and
     * a heap buffer would cost a copy of each table and, on each new worker thread, the JDK's temporary direct buffer.
     */
    private ByteBuffer tableBuffer;
    /** Decoders with their buffers, one per thread inflating at a time; freed (native ones too) on close. */
    private final ConcurrentLinkedQueue<Inflation> idle = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Inflation> inflations = new ConcurrentLinkedQueue<>();

    private Qcow2Reader(Path path, FileChannel channel, long fileSize, Qcow2Header header, long[] l1,
                        ImageReader backing, long backingSize) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
        this.header = header;
        this.l1 = l1;
        this.backing = backing;
        this.backingSize = backingSize;
        this.l2ByIndex = new AtomicReferenceArray<>(l1.length);
    }

    /**
     * Opens a qcow2 image and the backing chain approved for it: the files of {@code chain} and no other, whatever the
     * headers name now.
     *
     * @throws UnsupportedQcow2Exception for features this reader lacks (another reader may do)
     * @throws Qcow2Exception            for a damaged image, naming the file where it is in the chain
     */
    public static Qcow2Reader open(BackingChain chain) throws IOException {
        BackingChain.Layer top = chain.top();
        if (top.format() != ImageFormat.QCOW2) {
            throw new IllegalArgumentException(top.path() + " is not a qcow2 layer");
        }
        FileChannel channel = FileChannel.open(top.path(), StandardOpenOption.READ);
        try {
            long fileSize = channel.size();
            Qcow2Header header = Qcow2Header.read(channel, fileSize);
            if (header.unsupported().isPresent()) {
                throw new UnsupportedQcow2Exception(header.unsupported().get());
            }
            if (header.backingFile().isPresent() != !chain.backing().isEmpty()) {
                throw new Qcow2Exception(top.path() + " changed while it was being opened");
            }
            long[] l1 = new long[header.l1Size()];
            if (l1.length > 0) {
                readAt(channel, header.l1Offset(), l1.length * Long.BYTES).asLongBuffer().get(l1);
            }
            ImageReader backing = chain.backing().isEmpty() ? null : openBacking(chain.below());
            try {
                return new Qcow2Reader(top.path(), channel, fileSize, header, l1, backing,
                        backing == null ? 0 : backing.size());
            } catch (IOException | RuntimeException e) {
                if (backing != null) {
                    backing.close();
                }
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static ImageReader openBacking(BackingChain chain) throws IOException {
        return switch (chain.top().format()) {
            case QCOW2 -> open(chain);
            case RAW -> new RawImageReader(chain.top().path());
            default -> throw new UnsupportedQcow2Exception("backing file format " + chain.top().format());
        };
    }

    /**
     * The names of the other files a qcow2 image refers to, read from its header alone (nothing else is opened), so
     * that they can be approved before any is read.
     *
     * @throws Qcow2Exception for a damaged header
     */
    public static Qcow2References references(Path image) throws IOException {
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            Qcow2Header header = Qcow2Header.read(channel, channel.size());
            return new Qcow2References(header.backingFile(), header.backingFormat(), header.dataFile());
        }
    }

    @Override
    public long size() {
        return header.virtualSize();
    }

    @Override
    public boolean isRandomAccess() {
        return true;
    }

    @Override
    public String method() {
        return backing == null ? "qcow2" : "qcow2+backing";
    }

    @Override
    public boolean isKnownZero(long offset, long length) {
        int bits = header.clusterBits();
        long end = Math.min(offset + length, size());
        for (long cluster = offset >>> bits; cluster << bits < end; cluster++) {
            long entry = l2Entry(cluster);
            if ((entry & COMPRESSED) == 0 && (entry & ZERO_FLAG) != 0 && header.version() == 3) {
                continue;
            }
            if (entry != 0) {
                return false;
            }
            long start = Math.max(offset, cluster << bits);
            long stop = Math.min(end, (cluster + 1) << bits);
            if (start < backingSize && !backing.isKnownZero(start, stop - start)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void readFully(ByteBuffer dst, long offset) throws IOException {
        if (offset < 0 || offset + dst.remaining() > size()) {
            throw new EOFException("read of " + dst.remaining() + " bytes at " + offset + " is past the end of "
                    + path);
        }
        int bits = header.clusterBits();
        int clusterSize = header.clusterSize();
        long position = offset;
        while (dst.hasRemaining()) {
            long cluster = position >>> bits;
            int within = (int) (position & (clusterSize - 1));
            int n = Math.min(dst.remaining(), clusterSize - within);
            long host = hostOffset(cluster);
            if (host > 0) {
                // one read for the run of following clusters that lie one after another in the file
                long next = cluster + 1;
                while (n < dst.remaining() && hostOffset(next) == host + ((next - cluster) << bits)) {
                    n = (int) Math.min(dst.remaining(), n + (long) clusterSize);
                    next++;
                }
                readHost(dst.slice(dst.position(), n), host + within);
            } else {
                readCluster(cluster, within, dst.slice(dst.position(), n), position);
            }
            dst.position(dst.position() + n);
            position += n;
        }
    }

    /** The checked host offset of a plain allocated cluster, or 0 for any other kind. */
    private long hostOffset(long cluster) {
        if (cluster >= (size() + header.clusterSize() - 1) >>> header.clusterBits()) {
            return 0;
        }
        long entry = l2Entry(cluster);
        if (entry == 0 || (entry & COMPRESSED) != 0 || ((entry & ZERO_FLAG) != 0 && header.version() == 3)) {
            return 0;
        }
        if ((entry & RESERVED_STANDARD) != 0) {
            throw new Qcow2Exception("L2 entry of cluster " + cluster + " has reserved bits set");
        }
        long host = entry & OFFSET_MASK;
        if (host != 0 && ((host & (header.clusterSize() - 1)) != 0 || host >= fileSize)) {
            throw new Qcow2Exception("cluster " + cluster + " points to offset " + host
                    + ", outside the file of " + fileSize + " bytes");
        }
        return host;
    }

    /** Reads from the file; a cluster cut short by the end of the file reads as zeros past it, as in qemu. */
    private void readHost(ByteBuffer piece, long at) throws IOException {
        ChannelReads.fill(channel, piece, at);
        ZeroFill.fillRemaining(piece);
    }

    /** A cluster that is not plain allocated data: unallocated, zero or compressed. */
    private void readCluster(long cluster, int within, ByteBuffer piece, long position) throws IOException {
        long entry = l2Entry(cluster);
        if ((entry & COMPRESSED) != 0) {
            Inflation inflation = idle.poll();
            if (inflation == null) {
                inflation = new Inflation(ClusterCodec.forType(header.compressionType()), header.clusterSize());
                inflations.add(inflation);
            }
            try {
                piece.put(inflate(cluster, entry, inflation), within, piece.remaining());
            } finally {
                idle.add(inflation);
            }
        } else if (entry != 0 && (entry & ZERO_FLAG) != 0 && header.version() == 3) {
            ZeroFill.fillRemaining(piece);
        } else {
            readBacking(piece, position);
        }
    }

    private void readBacking(ByteBuffer piece, long position) throws IOException {
        if (position < backingSize) {
            int n = (int) Math.min(piece.remaining(), backingSize - position);
            ByteBuffer part = piece.slice(piece.position(), n);
            backing.readFully(part, position);
            piece.position(piece.position() + n);
        }
        ZeroFill.fillRemaining(piece);
    }

    /** A decoder and the buffers it reads from and writes to: a compressed cluster is at most two clusters long. */
    private static final class Inflation {
        final ClusterCodec codec;
        final byte[] input;
        final byte[] output;

        Inflation(ClusterCodec codec, int clusterSize) {
            this.codec = codec;
            this.input = new byte[2 * clusterSize + 512];
            this.output = new byte[clusterSize];
        }
    }

    private byte[] inflate(long cluster, long entry, Inflation inflation) throws IOException {
        int x = 62 - (header.clusterBits() - 8);
        long host = entry & ((1L << x) - 1);
        long sectors = ((entry & ~COMPRESSED & ~(1L << 63)) >>> x) + 1;
        long length = sectors * 512 - (host & 511);
        if (length <= 0 || length > 2L * header.clusterSize() + 512 || host >= fileSize) {
            throw new Qcow2Exception("compressed cluster " + cluster + " at offset " + host + " is out of bounds");
        }
        int stored = (int) Math.min(length, fileSize - host);
        ByteBuffer compressed = ByteBuffer.wrap(inflation.input, 0, stored);
        // the file may end inside the last sector, as qemu allows
        ChannelReads.fill(channel, compressed, host);
        byte[] out = inflation.output;
        try {
            int produced = inflation.codec.decompress(inflation.input, compressed.position(), out);
            if (produced != out.length) {
                throw new Qcow2Exception("compressed cluster " + cluster + " at offset " + host + " inflates to "
                        + produced + " bytes, not " + out.length);
            }
        } catch (DataFormatException e) {
            throw new Qcow2Exception("compressed cluster " + cluster + " at offset " + host + " is damaged: "
                    + e.getMessage());
        }
        return out;
    }

    /** The L2 entry of a guest cluster; 0 where its L2 table is unallocated. */
    private long l2Entry(long cluster) {
        int perTable = header.l2Entries();
        long l1Index = cluster / perTable;
        if (l1Index >= l1.length) {
            return 0;
        }
        long l2Offset = l1[(int) l1Index] & OFFSET_MASK;
        if (l2Offset == 0) {
            return 0;
        }
        long[] table = l2ByIndex.get((int) l1Index);
        if (table == null) {
            table = l2Tables.computeIfAbsent(l2Offset, this::loadL2);
            l2ByIndex.set((int) l1Index, table);
        }
        return table[(int) (cluster % perTable)];
    }

    private long[] loadL2(long offset) {
        if ((offset & (header.clusterSize() - 1)) != 0 || offset + header.clusterSize() > fileSize) {
            throw new Qcow2Exception("L2 table at offset " + offset + " lies outside the file of " + fileSize
                    + " bytes");
        }
        try {
            long[] table = new long[header.l2Entries()];
            synchronized (this) {
                if (tableBuffer == null) {
                    tableBuffer = ByteBuffer.allocateDirect(header.clusterSize());
                }
                readAt(channel, offset, tableBuffer.clear()).asLongBuffer().get(table);
            }
            return table;
        } catch (IOException e) {
            throw new Qcow2Exception("cannot read L2 table at offset " + offset + ": " + e.getMessage());
        }
    }

    static ByteBuffer readAt(FileChannel channel, long offset, int length) throws IOException {
        return readAt(channel, offset, ByteBuffer.allocate(length));
    }

    /** Fills {@code buffer} from {@code offset} and returns it flipped, big-endian, as qcow2 structures are. */
    private static ByteBuffer readAt(FileChannel channel, long offset, ByteBuffer buffer) throws IOException {
        ChannelReads.fill(channel, buffer.order(ByteOrder.BIG_ENDIAN), offset);
        if (buffer.hasRemaining()) {
            throw new Qcow2Exception("file ends inside the structure at offset " + offset);
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        try {
            inflations.forEach(inflation -> inflation.codec.close());
            channel.close();
        } finally {
            if (backing != null) {
                backing.close();
            }
        }
    }
}
