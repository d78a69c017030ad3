package org.example.virtsimilarity.signature;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The signers' read buffers, kept from one image to the next. A 1 MiB direct buffer whose memory is new to the process,
 * as it is in a command that has not collected garbage yet, costs 2.8 ms here (the kernel maps and zeroes 256 pages,
 * each a fault under virtualization), and two workers paid that on every image. At most {@value #KEPT} of each kind
 * are kept, for the life of the JVM (8 MiB of direct memory at most, in a Maven or Jenkins JVM too).
 */
final class ReadBuffers {
    private static final int KEPT = 8;
    private static final ConcurrentLinkedQueue<ByteBuffer> DIRECT = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<ByteBuffer> HEAP = new ConcurrentLinkedQueue<>();

    private ReadBuffers() {
    }

    /** A cleared buffer of {@link Signer#READ_BYTES}, direct or on the heap. */
    static ByteBuffer take(boolean direct) {
        ByteBuffer buffer = (direct ? DIRECT : HEAP).poll();
        if (buffer != null) {
            return buffer.clear();
        }
        return direct ? ByteBuffer.allocateDirect(Signer.READ_BYTES) : ByteBuffer.allocate(Signer.READ_BYTES);
    }

    /** Returns a buffer {@link #take} gave, once its worker is done with it. */
    static void give(ByteBuffer buffer) {
        ConcurrentLinkedQueue<ByteBuffer> kept = buffer.isDirect() ? DIRECT : HEAP;
        if (kept.size() < KEPT) {
            kept.add(buffer);
        }
    }
}
