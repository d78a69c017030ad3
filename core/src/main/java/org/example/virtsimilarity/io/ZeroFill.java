package org.example.virtsimilarity.io;

import java.nio.ByteBuffer;

/** Fills buffer ranges with zeros in bulk, heap and direct buffers alike (readers do this for holes and gaps). */
public final class ZeroFill {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private ZeroFill() {
    }

    /** Zeros {@code count} bytes of {@code dst} from absolute index {@code at}; the position is left alone. */
    public static void fill(ByteBuffer dst, int at, int count) {
        for (int done = 0; done < count; done += ZEROS.capacity()) {
            dst.put(at + done, ZEROS, 0, Math.min(ZEROS.capacity(), count - done));
        }
    }

    /** Zeros {@code dst} from its position to its limit and moves the position to the limit. */
    public static void fillRemaining(ByteBuffer dst) {
        fill(dst, dst.position(), dst.remaining());
        dst.position(dst.limit());
    }
}
