package org.example.virtsimilarity.explain;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.signature.Signature;

/**
 * What the gate asks to explain: an image, as its path and signature, against its baseline's signature. Where the
 * baseline's disk image is depends on who asks: the user named it (a reference image, or an input of the command),
 * or its signature says where it was read, which an explainer trusts only inside the folders it was given.
 *
 * @param image             the image's path
 * @param statedFormat      the image's format where the user stated it
 * @param imageSignature    the image's signature of this run
 * @param baselineSignature the baseline's signature
 * @param baselineImage     the baseline's disk image where the user named it; else its signature's path is looked at
 * @param baselineFormat    the baseline image's format where the user stated it
 */
public record ExplainRequest(Path image, Optional<ImageFormat> statedFormat, Signature imageSignature,
                             Signature baselineSignature, Optional<Path> baselineImage,
                             Optional<ImageFormat> baselineFormat) {
    public ExplainRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(statedFormat, "statedFormat");
        Objects.requireNonNull(imageSignature, "imageSignature");
        Objects.requireNonNull(baselineSignature, "baselineSignature");
        Objects.requireNonNull(baselineImage, "baselineImage");
        Objects.requireNonNull(baselineFormat, "baselineFormat");
    }

    public String imageName() {
        return imageSignature.name();
    }

    public String baselineName() {
        return baselineSignature.name();
    }
}
