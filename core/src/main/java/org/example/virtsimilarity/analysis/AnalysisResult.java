package org.example.virtsimilarity.analysis;

import java.util.List;
import java.util.Objects;
import org.example.virtsimilarity.cluster.Cladogram;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.signature.HashAlgorithm;

/**
 * What an analysis found: the inputs in the order given, their distances and the cladogram.
 *
 * @param images    the inputs, in the order given; matrix and tree refer to them by index
 * @param distances pairwise distances
 * @param tree      the cladogram
 * @param algorithm the hash used
 * @param blockSize the block size used
 */
public record AnalysisResult(List<ImageResult> images, DistanceMatrix distances, Cladogram tree,
                             HashAlgorithm algorithm, int blockSize) {
    public AnalysisResult {
        images = List.copyOf(images);
        Objects.requireNonNull(distances, "distances");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** The labels of the images, by index. */
    public List<String> names() {
        return images.stream().map(ImageResult::name).toList();
    }
}
