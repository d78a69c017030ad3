package org.example.virtsimilarity.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a raw image with positional reads, which are safe from several threads on one channel. */
public final class RawImageReader implements ImageReader {
    private final FileChannel channel;
    private final long size;

    public RawImageReader(Path path) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(ByteBuffer dst, long offset) throws IOException {
        long position = offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position);
            if (n < 0) {
                throw new EOFException("image ended at byte " + position + " (it was " + size + " bytes when opened)");
            }
            position += n;
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
