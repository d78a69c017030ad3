package org.example.virtsimilarity;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one error type of the engine: a one-line message that names the file (when there is one) and the problem.
 * Wrappers show {@link #getMessage()} as it is and map it to their own failure type.
 */
public class SimilarityException extends RuntimeException {
    private final transient Path file;

    public SimilarityException(String message) {
        this(null, message, null);
    }

    public SimilarityException(Path file, String problem) {
        this(file, problem, null);
    }

    public SimilarityException(Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is about, if it is about one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
