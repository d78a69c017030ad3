package org.example.virtsimilarity.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.image.ZeroExtents;

/**
 * Reads any image qemu can open by serving it with a {@link QemuNbdServer} and reading it with {@link NbdConnection}s,
 * one per worker. The {@code base:allocation} status, asked once at open, tells
 * which extents read as zeros; those are never read. The server lives as long as the reader.
 */
public final class NbdImageReader implements ImageReader {
    private static final int MAX_REQUEST = 32 << 20;
    private static final int MAX_STATUS_REQUEST = 1 << 30;
    /** Zero extents kept at most; a more fragmented image is just read where the map stops. */
    private static final int MAX_EXTENTS = 1 << 20;

    private final QemuNbdServer server;
    private final long size;
    private final ZeroExtents zeros;
    private final BlockingQueue<NbdConnection> idle = new ArrayBlockingQueue<>(QemuNbdServer.CONNECTIONS);
    private final List<NbdConnection> all = new ArrayList<>();

    private NbdImageReader(QemuNbdServer server, NbdConnection first) throws IOException {
        this.server = server;
        this.size = first.size();
        all.add(first);
        this.zeros = first.hasAllocationStatus() ? ZeroExtents.of(zeroExtents(first)) : ZeroExtents.NONE;
        idle.add(first);
    }

    /**
     * Serves the image (a qemu file name, the approved chain spelled out) with qemu-nbd and connects.
     *
     * @throws NbdException with qemu-nbd's own message when it cannot serve the image
     */
    public static NbdImageReader open(String image, Duration timeout) throws IOException {
        QemuNbdServer server = QemuNbdServer.start(image, timeout);
        NbdConnection first = null;
        try {
            first = NbdConnection.open(server.socket());
            return new NbdImageReader(server, first);
        } catch (IOException | RuntimeException e) {
            if (first != null) {
                first.close();
            }
            server.close();
            throw e;
        }
    }

    private List<long[]> zeroExtents(NbdConnection connection) throws IOException {
        List<long[]> zeros = new ArrayList<>();
        long offset = 0;
        while (offset < size && zeros.size() < MAX_EXTENTS) {
            int length = (int) Math.min(MAX_STATUS_REQUEST, size - offset);
            for (long[] extent : connection.blockStatus(offset, length)) {
                long end = Math.min(size, offset + extent[0]);
                if ((extent[1] & NbdConnection.STATE_ZERO) != 0) {
                    zeros.add(new long[] {offset, end});
                }
                offset = end;
                if (offset >= size) {
                    break;
                }
            }
        }
        return zeros;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isKnownZero(long offset, long length) {
        return zeros.covers(offset, length);
    }

    @Override
    public void readFully(ByteBuffer dst, long offset) throws IOException {
        NbdConnection connection = take();
        try {
            long position = offset;
            while (dst.hasRemaining()) {
                int n = Math.min(dst.remaining(), MAX_REQUEST);
                ByteBuffer piece = dst.slice(dst.position(), n);
                connection.read(piece, position);
                dst.position(dst.position() + n);
                position += n;
            }
        } finally {
            idle.add(connection);
        }
    }

    /** An idle connection, or a new one while fewer than the server shares are open. */
    private NbdConnection take() throws IOException {
        NbdConnection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        synchronized (all) {
            if (all.size() < QemuNbdServer.CONNECTIONS) {
                NbdConnection fresh = NbdConnection.open(server.socket());
                all.add(fresh);
                return fresh;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an NBD connection", e);
        }
    }

    @Override
    public boolean isRandomAccess() {
        return true;
    }

    @Override
    public String method() {
        return "nbd";
    }

    @Override
    public void close() throws IOException {
        try {
            synchronized (all) {
                for (NbdConnection connection : all) {
                    connection.close();
                }
            }
        } finally {
            server.close();
        }
    }
}
