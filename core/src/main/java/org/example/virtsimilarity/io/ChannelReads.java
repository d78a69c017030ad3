package org.example.virtsimilarity.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads that fill a buffer as far as the file goes: a file may be shorter than what a header promises. */
public final class ChannelReads {
    private ChannelReads() {
    }

    /** Reads from {@code position} until {@code buffer} is full or the file ends; the buffer's position tells how far. */
    public static void fill(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long start = position - buffer.position();
        while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
            // read what the file has
        }
    }
}
