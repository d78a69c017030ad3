package org.example.virtsimilarity.raw;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.image.ZeroExtents;
import org.example.virtsimilarity.io.ChannelReads;
import org.example.virtsimilarity.qemu.QemuImgCheck;
import org.example.virtsimilarity.qemu.QemuImgMap;

/**
 * Reads a raw image with positional reads, which are safe from several threads on one channel. Opened with
 * {@link #withHoleMap}, it also asks {@code qemu-img map} for the file's holes in the background and, once the answer
 * is in, reports them as known zeros so they are neither read nor hashed; reading never waits for it.
 */
public final class RawImageReader implements ImageReader {
    private static final Duration MAP_DEADLINE = Duration.ofSeconds(5);

    private final FileChannel channel;
    private final long size;
    private volatile ZeroExtents holes = ZeroExtents.NONE;

    public RawImageReader(Path path) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    /** A reader that learns the file's holes while it reads (where qemu-img is installed). */
    public static RawImageReader withHoleMap(Path path) throws IOException {
        RawImageReader reader = new RawImageReader(path);
        if (QemuImgCheck.isAvailable()) {
            Thread mapper = new Thread(() -> QemuImgMap.holes(path, MAP_DEADLINE).ifPresent(h -> reader.holes = h),
                    "virt-similarity-hole-map");
            mapper.setDaemon(true);
            mapper.start();
        }
        return reader;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isKnownZero(long offset, long length) {
        return holes.covers(offset, length);
    }

    @Override
    public void readFully(ByteBuffer dst, long offset) throws IOException {
        int start = dst.position();
        ChannelReads.fill(channel, dst, offset);
        if (dst.hasRemaining()) {
            throw new EOFException("image ended at byte " + (offset + dst.position() - start) + " (it was " + size
                    + " bytes when opened)");
        }
    }

    @Override
    public boolean isRandomAccess() {
        return true;
    }

    @Override
    public String method() {
        return "raw";
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
