package org.example.virtsimilarity.guestfs;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.image.ImageReader;

/**
 * Streams one appliance device through a FIFO: a download thread has libguestfs write the device into it while the
 * caller reads it in order. The FIFO is opened read-write so that opening never blocks; a failed download or a
 * stream that stalls closes the channel, which ends a blocked read with the download's error.
 */
final class DeviceStreamReader implements ImageReader {
    private final String device;
    private final long size;
    private final Path fifo;
    private final FileChannel channel;
    private final Thread download;
    private final Thread watchdog;
    private final long stallNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile String failure;
    private long position;

    DeviceStreamReader(GuestfsHandle handle, String device, long size, Path fifo, Duration stallTimeout)
            throws IOException {
        this.device = device;
        this.size = size;
        this.fifo = fifo;
        this.stallNanos = stallTimeout.toNanos();
        makeFifo(fifo);
        this.channel = new RandomAccessFile(fifo.toFile(), "rw").getChannel();
        this.download = new Thread(() -> {
            try {
                handle.download(device, fifo.toString());
            } catch (GuestfsException e) {
                fail("libguestfs could not read " + device + ": " + e.getMessage());
            }
        }, "libguestfs-download-" + device);
        this.watchdog = new Thread(this::watch, "libguestfs-watchdog-" + device);
        download.setDaemon(true);
        watchdog.setDaemon(true);
        download.start();
        watchdog.start();
    }

    private static void makeFifo(Path fifo) throws IOException {
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).redirectErrorStream(true).start();
        try {
            if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo failed: " + new String(mkfifo.getInputStream().readAllBytes()).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a FIFO", e);
        }
    }

    private void watch() {
        while (channel.isOpen()) {
            if (System.nanoTime() - lastProgress > stallNanos) {
                fail("no data from libguestfs for " + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s");
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void fail(String reason) {
        failure = reason;
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that is wanted here
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(ByteBuffer dst, long offset) throws IOException {
        if (offset != position) {
            throw new IOException("stream of " + device + " read out of order at " + offset + ", expected " + position);
        }
        if (offset + dst.remaining() > size) {
            throw new EOFException("read past the end of " + device);
        }
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst);
                if (n < 0) {
                    throw new EOFException(device + " ended at byte " + position);
                }
                position += n;
                lastProgress = System.nanoTime();
            }
        } catch (ClosedChannelException e) {
            throw new IOException(failure != null ? failure : "stream of " + device + " closed", e);
        }
    }

    @Override
    public boolean isRandomAccess() {
        return false;
    }

    @Override
    public String method() {
        return "libguestfs";
    }

    /** Closing early makes the download fail on a FIFO with no reader, which ends its thread. */
    @Override
    public void close() throws IOException {
        watchdog.interrupt();
        channel.close();
        try {
            download.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(fifo);
    }
}
