package org.example.virtsimilarity.backing;

import java.nio.file.Path;
import org.example.virtsimilarity.SimilarityException;

/**
 * A file an image names (a backing file, an extent, a data file) that the {@link BackingPolicy} does not allow; the
 * wrappers add how their users allow a folder.
 */
public final class BackingRefusedException extends SimilarityException {
    private static final long serialVersionUID = 1L;

    BackingRefusedException(Path image, String problem) {
        super(image, problem, Remedy.ALLOW_BACKING_FOLDER);
    }
}
