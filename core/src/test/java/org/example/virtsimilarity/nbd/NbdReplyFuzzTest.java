package org.example.virtsimilarity.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.example.virtsimilarity.Qemu;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.fuzz.Mutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NBD client against a hostile server: what qemu-nbd answered to one session is recorded through a proxy, then
 * replayed with mutations by a fake server. The client may only fail with an I/O error (NbdException included), in
 * one line, within seconds, and without allocating what a forged length asks for.
 */
class NbdReplyFuzzTest {
    private static final int ROUNDS = 300;

    @TempDir
    Path dir;

    @Test
    void mutatedRepliesFailOnlyWithOneLineIoErrors() throws Exception {
        assumeTrue(Qemu.isInstalled() && QemuNbdServer.isAvailable(), "qemu-utils is installed");
        Path raw = TestImages.raw(dir.resolve("seed.img"), 32, 3, 4, 5, 6, 7, 20);
        Path image = dir.resolve("seed.qcow2");
        Qemu.img("convert", "-f", "raw", "-O", "qcow2", raw.toString(), image.toString());
        byte[] transcript = record(image);
        // two blocks of data (blocks 4 and 20 are holes, sent without their bytes) and the protocol around them
        assertThat(transcript.length).isGreaterThan(2 * 65536);

        Random random = new Random(13);
        List<String> unexpected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Path socket = dir.resolve("fake-" + round + ".sock");
            Thread server = replay(socket, Mutations.mutate(random, transcript, 4096));
            int current = round;
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    session(socket);
                } catch (IOException e) {
                    if (String.valueOf(e.getMessage()).contains("\n")) {
                        unexpected.add("round " + current + ": not one line: " + e.getMessage());
                    }
                } catch (RuntimeException | Error e) {
                    unexpected.add("round " + current + ": " + e);
                }
            });
            server.join(5000);
        }
        assertThat(unexpected).isEmpty();
    }

    /** What a reader does with a connection, the same in recording and replay. */
    private static void session(Path socket) throws IOException {
        try (NbdConnection connection = NbdConnection.open(socket)) {
            if (connection.hasAllocationStatus()) {
                connection.blockStatus(0, 1 << 20);
            }
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            for (long block : new long[] {0, 4, 20, 31}) {
                buffer.clear();
                connection.read(buffer, block * 65536);
            }
        }
    }

    /** Runs the session against the real qemu-nbd through a proxy and returns every byte the server sent. */
    private byte[] record(Path image) throws Exception {
        Path real = dir.resolve("real.sock");
        Process qemu = new ProcessBuilder("qemu-nbd", "--read-only", "--persistent", "--format=qcow2",
                "--socket=" + real, image.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu-nbd.log").toFile()).start();
        try {
            for (int wait = 0; !Files.exists(real) && wait < 500; wait++) {
                Thread.sleep(10);
            }
            Path proxy = dir.resolve("proxy.sock");
            ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
            try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                listener.bind(UnixDomainSocketAddress.of(proxy));
                Thread relay = new Thread(() -> {
                    try (SocketChannel client = listener.accept();
                         SocketChannel server = connect(real)) {
                        Thread up = new Thread(() -> pipe(client, server, null));
                        up.start();
                        pipe(server, client, fromServer);
                        up.join();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                relay.start();
                session(proxy);
                relay.join(10_000);
            }
            return fromServer.toByteArray();
        } finally {
            qemu.destroy();
            qemu.waitFor();
        }
    }

    private static SocketChannel connect(Path socket) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                if (attempt > 200) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    throw new IOException(interrupted);
                }
            }
        }
    }

    /** Copies until end of stream, then passes the end on; keeps a copy when asked. */
    private static void pipe(SocketChannel from, SocketChannel to, ByteArrayOutputStream copy) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (copy != null) {
                    synchronized (copy) {
                        copy.write(buffer.array(), 0, buffer.limit());
                    }
                }
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException closed) {
            // the other side went away: the session is over
        }
    }

    /** A fake server that sends the given bytes to its one client whatever the client asks, then hangs up. */
    private static Thread replay(Path socket, byte[] bytes) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        Thread server = new Thread(() -> {
            try (listener; SocketChannel client = listener.accept()) {
                ByteBuffer all = ByteBuffer.wrap(bytes);
                while (all.hasRemaining()) {
                    client.write(all);
                }
                client.shutdownOutput();
            } catch (IOException clientLeft) {
                // the client gave up first
            }
        });
        server.start();
        return server;
    }
}
