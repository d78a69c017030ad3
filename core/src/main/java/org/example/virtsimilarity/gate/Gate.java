package org.example.virtsimilarity.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.distance.Distances;
import org.example.virtsimilarity.signature.Signature;

/** Judges each image of a run by its divergence from its baseline. */
public final class Gate {
    private Gate() {
    }

    public static GateResult evaluate(AnalysisResult result, Baseline baseline, Thresholds thresholds) {
        List<ImageVerdict> verdicts = new ArrayList<>();
        for (ImageResult image : result.images()) {
            Signature signature = image.signature();
            Optional<Signature> reference = baseline.forImage(image.name());
            if (reference.isEmpty()) {
                verdicts.add(ImageVerdict.withoutBaseline(image.name(), signature.imageSize()));
                continue;
            }
            double percent = divergencePercent(signature, reference.get());
            verdicts.add(new ImageVerdict(image.name(), signature.imageSize(), Optional.of(reference.get().name()),
                    OptionalDouble.of(percent), thresholds.verdict(percent)));
        }
        return new GateResult(verdicts, thresholds);
    }

    /** The pair's divergence as the distance matrix gives it, in percent. */
    static double divergencePercent(Signature image, Signature baseline) {
        int union = Distances.nonZeroBlocks(image, baseline);
        return union == 0 ? 0.0 : 100.0 * Distances.differingBlocks(image, baseline) / union;
    }
}
