package org.example.virtsimilarity.image;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Gives the bytes of an image's virtual disk. Readers that stream say so with {@link #isRandomAccess()}: they must be
 * read once, in order, by one thread.
 */
public interface ImageReader extends Closeable {
    /** The size of the virtual disk in bytes. */
    long size() throws IOException;

    /** Fills {@code dst} from its position to its limit with the disk's bytes at {@code offset}. */
    void readFully(ByteBuffer dst, long offset) throws IOException;

    /**
     * Whether the range is known to read as zeros without reading it (unallocated or zero clusters, holes). Such
     * blocks are neither read nor hashed. Readers that cannot tell say false.
     */
    default boolean isKnownZero(long offset, long length) {
        return false;
    }

    /** Whether {@link #readFully} may be called at any offset and from several threads at once. */
    boolean isRandomAccess();

    /** A short name of the method, shown in debug output. */
    String method();
}
