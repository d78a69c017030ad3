package org.example.virtsimilarity.explain;

import java.util.Objects;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.signature.Signature;

/**
 * An image and its baseline to explain, each as the chain of files it was approved to read (so the appliance opens
 * nothing else, each file with its format stated) and its signature of this run.
 *
 * @param imageName         the image's name in reports
 * @param image             the image's approved chain
 * @param imageSignature    its signature
 * @param baselineName      the baseline's name in reports
 * @param baseline          the baseline image's approved chain
 * @param baselineSignature the baseline's signature, made with the same settings
 */
public record ExplainPair(String imageName, BackingChain image, Signature imageSignature, String baselineName,
                          BackingChain baseline, Signature baselineSignature) {
    public ExplainPair {
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageSignature, "imageSignature");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(baselineSignature, "baselineSignature");
    }
}
