package org.example.virtsimilarity.analysis;

import java.nio.file.Path;
import org.example.virtsimilarity.image.DiskImage;

/**
 * What an analysis tells while it runs. Every method has a no-op default; calls may come from worker threads, one at a
 * time per image.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    /** The image's signature came from the cache. */
    default void cached(DiskImage image) {
    }

    /** Reading of the image starts, with the named method ({@code raw}, {@code libguestfs}, ...). */
    default void reading(DiskImage image, String method) {
    }

    /** Bytes of the image read and hashed so far. */
    default void progress(DiskImage image, long bytesDone, long bytesTotal) {
    }

    /** The image was read and hashed. */
    default void read(DiskImage image, long bytes, long nanos) {
    }

    /** A file of a backing plan is being written; {@code how} says as what ("alone", "over base.qcow2"). */
    default void writing(Path file, String how) {
    }

    /** An image's explanation against its baseline starts (an appliance launch, then the file lists). */
    default void explaining(String image, String baseline) {
    }

    /** Something the user should know that does not stop the analysis (e.g. a damaged cache entry). */
    default void warning(String message) {
    }

    /** Detail for debugging. */
    default void debug(String message) {
    }
}
