package org.example.virtsimilarity;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one error type of the engine: a one-line message that names the file (when there is one) and the problem.
 * Wrappers show {@link #getMessage()} as it is, add their own way to fix it where there is a {@link #remedy()}, and map
 * it to their own failure type. Core's messages name no option of any wrapper.
 */
public class SimilarityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A setting that would lift the problem; each wrapper says how its users change it. */
    public enum Remedy {
        /** Allow the folder of a file an image names (a backing file, an extent). */
        ALLOW_BACKING_FOLDER,
        /** Let qemu read what the native readers cannot (the command's reader choice). */
        READ_THROUGH_QEMU,
        /** A larger block size, or a larger Java heap. */
        LARGER_BLOCKS_OR_HEAP,
        /** Write into an output folder that already holds files (those of the same names are replaced). */
        WRITE_INTO_NON_EMPTY_FOLDER
    }

    private final transient Path file;
    private final Remedy remedy;

    public SimilarityException(String message) {
        this(null, message, (Throwable) null);
    }

    public SimilarityException(Path file, String problem) {
        this(file, problem, (Throwable) null);
    }

    public SimilarityException(Path file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.file = file;
        this.remedy = null;
    }

    public SimilarityException(Path file, String problem, Remedy remedy) {
        super(file == null ? problem : file + ": " + problem);
        this.file = file;
        this.remedy = remedy;
    }

    /** What setting would lift the problem, where one would. */
    public Optional<Remedy> remedy() {
        return Optional.ofNullable(remedy);
    }

    /** The file the problem is about, if it is about one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
