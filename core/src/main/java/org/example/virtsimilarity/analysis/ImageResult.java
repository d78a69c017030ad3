package org.example.virtsimilarity.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.signature.Signature;

/**
 * One analysed input.
 *
 * @param path      the path as given
 * @param format       its format ({@link ImageFormat#SIGNATURE} for a {@code .vsig} given as input)
 * @param formatStated whether the user stated the format (else the image's first bytes told it)
 * @param backing      the real paths of its backing files, nearest first
 * @param signature    its signature
 * @param origin       where the signature came from
 */
public record ImageResult(Path path, ImageFormat format, boolean formatStated, List<Path> backing,
                          Signature signature, Origin origin) {
    public ImageResult {
        backing = List.copyOf(backing);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(origin, "origin");
    }

    /** Where a signature came from. */
    public enum Origin {
        /** The image was read in this run. */
        READ,
        /** The signature cache had it. */
        CACHE,
        /** The input was a signature file. */
        SIGNATURE_FILE
    }

    /** The label in reports: the file name, as upstream prints it. */
    public String name() {
        return signature.name();
    }
}
