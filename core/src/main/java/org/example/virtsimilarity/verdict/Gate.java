package org.example.virtsimilarity.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.distance.ContentComparison;
import org.example.virtsimilarity.distance.Distances;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.signature.Signature;

/**
 * Judges each image of a run by its divergence from its baseline, by the run's measure: for position, the share of
 * block positions holding data in either image that differ; for content, the share of the image's data whose content
 * is nowhere in the baseline (exact, see {@link ContentComparison}).
 */
public final class Gate {
    private Gate() {
    }

    public static GateResult evaluate(AnalysisResult result, Baseline baseline, Thresholds thresholds) {
        Measure measure = result.distances().measure();
        List<ImageVerdict> verdicts = new ArrayList<>();
        List<String> restarted = new ArrayList<>();
        for (ImageResult image : result.images()) {
            Signature signature = image.signature();
            Optional<Signature> reference = baseline.forImage(image.name());
            if (reference.isEmpty()) {
                verdicts.add(ImageVerdict.withoutBaseline(image.name(), signature.imageSize(), measure));
                continue;
            }
            if (measure == Measure.CONTENT && reference.get().content().isEmpty()) {
                // made for the position measure or by an older version: this run's signature is the new baseline
                verdicts.add(ImageVerdict.withoutBaseline(image.name(), signature.imageSize(), measure));
                restarted.add(image.name());
                continue;
            }
            Optional<ContentComparison> content = measure == Measure.CONTENT
                    ? Optional.of(ContentComparison.of(signature.content().orElseThrow(),
                            reference.get().content().orElseThrow()))
                    : Optional.empty();
            double percent = content.map(c -> 100 * c.divergence())
                    .orElseGet(() -> divergencePercent(signature, reference.get()));
            verdicts.add(new ImageVerdict(image.name(), signature.imageSize(), Optional.of(reference.get().name()),
                    OptionalDouble.of(percent), thresholds.verdict(percent), measure, content));
        }
        return new GateResult(verdicts, thresholds, restarted);
    }

    /** The pair's divergence as the distance matrix gives it, in percent. */
    static double divergencePercent(Signature image, Signature baseline) {
        int union = Distances.nonZeroBlocks(image, baseline);
        return union == 0 ? 0.0 : 100.0 * Distances.differingBlocks(image, baseline) / union;
    }
}
