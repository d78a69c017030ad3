package org.example.virtsimilarity.analysis;

import java.util.List;
import org.example.virtsimilarity.cluster.Cladogram;
import org.example.virtsimilarity.cluster.Clustering;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.distance.Distances;

/**
 * The engine's analysis: signs the inputs ({@link ImageSigning}), then computes their distances by the chosen measure
 * and the cladogram. Every failure is a one-line {@link org.example.virtsimilarity.SimilarityException}.
 */
public final class SimilarityAnalysis {
    private SimilarityAnalysis() {
    }

    /** Signs and compares the inputs of {@code options}. */
    public static AnalysisResult run(AnalysisOptions options, ProgressListener listener) {
        return of(ImageSigning.sign(options, listener), options, listener);
    }

    /** Compares images already signed (by this JVM or another), with the measure, hash and block size of options. */
    public static AnalysisResult of(List<ImageResult> images, AnalysisOptions options, ProgressListener listener) {
        DistanceMatrix distances = Distances.matrix(images.stream().map(ImageResult::signature).toList(),
                options.measure());
        listener.debug("distances computed for " + images.size() + " images");
        Cladogram tree = Clustering.cluster(distances);
        return new AnalysisResult(images, distances, tree, options.algorithm(), options.blockSize());
    }
}
