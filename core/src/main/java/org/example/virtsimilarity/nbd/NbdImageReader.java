package org.example.virtsimilarity.nbd;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.example.virtsimilarity.image.Executables;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.image.ZeroExtents;

/**
 * Reads any image qemu can open by serving it read-only with {@code qemu-nbd} on a Unix socket in a private folder and
 * reading it with {@link NbdConnection}s, one per worker. The {@code base:allocation} status, asked once at open, tells
 * which extents read as zeros; those are never read. The server lives as long as the reader.
 */
public final class NbdImageReader implements ImageReader {
    static final int CONNECTIONS = 2;
    private static final int MAX_REQUEST = 32 << 20;
    private static final int MAX_STATUS_REQUEST = 1 << 30;
    /** Zero extents kept at most; a more fragmented image is just read where the map stops. */
    private static final int MAX_EXTENTS = 1 << 20;

    private final Process server;
    private final Path folder;
    private final Path socket;
    private final long size;
    private final ZeroExtents zeros;
    private final BlockingQueue<NbdConnection> idle = new ArrayBlockingQueue<>(CONNECTIONS);
    private final List<NbdConnection> all = new ArrayList<>();

    private NbdImageReader(Process server, Path folder, Path socket, NbdConnection first) throws IOException {
        this.server = server;
        this.folder = folder;
        this.socket = socket;
        this.size = first.size();
        all.add(first);
        this.zeros = first.hasAllocationStatus() ? ZeroExtents.of(zeroExtents(first)) : ZeroExtents.NONE;
        idle.add(first);
    }

    public static boolean isAvailable() {
        return Executables.onPath("qemu-nbd");
    }

    /**
     * Starts qemu-nbd for the image and connects.
     *
     * @throws NbdException with qemu-nbd's own message when it cannot serve the image
     */
    public static NbdImageReader open(Path image, String format, Duration timeout) throws IOException {
        Path folder = Files.createTempDirectory("virt-similarity-nbd-");
        Path socket = folder.resolve("nbd.sock");
        Path log = folder.resolve("qemu-nbd.log");
        Process server = new ProcessBuilder("qemu-nbd", "--read-only", "--persistent",
                "--shared=" + CONNECTIONS, "--format=" + format, "--socket=" + socket, image.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.exists(socket)) {
                if (!server.isAlive()) {
                    throw new NbdException("qemu-nbd could not serve it: " + lastLine(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new NbdException("qemu-nbd did not start within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(10);
            }
            return new NbdImageReader(server, folder, socket, connect(server, socket, log, deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(server, folder);
            throw new IOException("interrupted while starting qemu-nbd", e);
        } catch (IOException | RuntimeException e) {
            stop(server, folder);
            throw e;
        }
    }

    /**
     * The first connection. The socket file appears before qemu-nbd listens on it, so a refused connection is tried
     * again while the server lives; a server that dies instead of answering is reported with its own last words.
     */
    private static NbdConnection connect(Process server, Path socket, Path log, long deadline) throws IOException,
            InterruptedException {
        while (true) {
            try {
                return NbdConnection.open(socket);
            } catch (ConnectException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(10);
            } catch (IOException e) {
                if (server.waitFor(2, TimeUnit.SECONDS)) {
                    throw new NbdException("qemu-nbd could not serve it: " + lastLine(log));
                }
                throw e;
            }
        }
        if (server.waitFor(2, TimeUnit.SECONDS)) {
            throw new NbdException("qemu-nbd could not serve it: " + lastLine(log));
        }
        throw new NbdException("qemu-nbd did not accept connections in time");
    }

    private static String lastLine(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        String line = text.lines().reduce((first, second) -> second).orElse("it exited");
        return line.replaceFirst("^qemu-nbd: ", "");
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
            if (all.size() < CONNECTIONS) {
                NbdConnection fresh = NbdConnection.open(socket);
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
        synchronized (all) {
            for (NbdConnection connection : all) {
                connection.close();
            }
        }
        stop(server, folder);
    }

    private static void stop(Process server, Path folder) throws IOException {
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
