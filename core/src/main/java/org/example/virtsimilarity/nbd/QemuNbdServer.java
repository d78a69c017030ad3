package org.example.virtsimilarity.nbd;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.example.virtsimilarity.qemu.Executables;

/**
 * A {@code qemu-nbd} process serving one image read-only on a Unix socket in a private folder. The image is given as a
 * qemu file name; callers pass a {@code json:} name with the approved backing chain spelled out, so that qemu-nbd
 * opens nothing else. Stopped, and its folder removed, on close.
 */
public final class QemuNbdServer implements AutoCloseable {
    /** Clients served at once: one connection per worker. */
    static final int CONNECTIONS = 2;

    private final Process process;
    private final Path folder;
    private final Path socket;
    private final Path log;

    private QemuNbdServer(Process process, Path folder, Path socket, Path log) {
        this.process = process;
        this.folder = folder;
        this.socket = socket;
        this.log = log;
    }

    public static boolean isAvailable() {
        return Executables.onPath("qemu-nbd");
    }

    /**
     * Starts qemu-nbd and waits, up to {@code timeout}, until it listens.
     *
     * @throws NbdException with qemu-nbd's own message when it cannot serve the image
     */
    public static QemuNbdServer start(String image, Duration timeout) throws IOException {
        Path folder = Files.createTempDirectory("virt-similarity-nbd-");
        Path socket = folder.resolve("nbd.sock");
        Path log = folder.resolve("qemu-nbd.log");
        Process process;
        try {
            process = new ProcessBuilder("qemu-nbd", "--read-only", "--persistent", "--shared=" + CONNECTIONS,
                    "--socket=" + socket, image).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            deleteFolder(folder);
            throw e;
        }
        QemuNbdServer server = new QemuNbdServer(process, folder, socket, log);
        try {
            server.awaitListening(timeout);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The socket clients connect to. */
    public Path socket() {
        return socket;
    }

    /**
     * The socket file appears before qemu-nbd listens on it, so a refused connection is tried again while the server
     * lives; a server that dies instead of answering is reported with its own last words.
     */
    private void awaitListening(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!Files.exists(socket)) {
                if (!process.isAlive()) {
                    throw died();
                }
                if (System.nanoTime() > deadline) {
                    throw new NbdException("qemu-nbd did not start within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(10);
            }
            while (true) {
                try {
                    NbdConnection.open(socket).close();
                    return;
                } catch (ConnectException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(10);
                } catch (IOException e) {
                    if (process.waitFor(2, TimeUnit.SECONDS)) {
                        throw died();
                    }
                    throw e;
                }
            }
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                throw died();
            }
            throw new NbdException("qemu-nbd did not accept connections in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting qemu-nbd", e);
        }
    }

    private NbdException died() throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        String line = text.lines().reduce((first, second) -> second).orElse("it exited");
        return new NbdException("qemu-nbd could not serve it: " + line.replaceFirst("^qemu-nbd: ", ""));
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteFolder(folder);
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
