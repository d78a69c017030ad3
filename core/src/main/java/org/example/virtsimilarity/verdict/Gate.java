package org.example.virtsimilarity.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.example.virtsimilarity.SimilarityException;
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
        return evaluate(result, baseline, GateRules.of(thresholds));
    }

    /**
     * Judges the images; an image whose baseline signature this run cannot compare with (another hash, block size or
     * digest scheme, or no content fingerprints for the content measure) starts a new baseline and says why, rather
     * than fail every later run. A fixed reference never becomes new, so one this run cannot compare with is an error.
     *
     * @throws SimilarityException where the baseline is a reference this run cannot compare an image with
     */
    public static GateResult evaluate(AnalysisResult result, Baseline baseline, GateRules rules) {
        Measure measure = result.distances().measure();
        List<ImageVerdict> verdicts = new ArrayList<>();
        Map<String, String> restarted = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ImageResult image : result.images()) {
            Signature signature = image.signature();
            Optional<Signature> reference = baseline.forImage(image.name());
            Optional<String> incomparable = reference.flatMap(r -> incomparable(signature, r, measure));
            if (incomparable.isPresent() && baseline.isReference()) {
                throw new SimilarityException("cannot judge " + image.name() + " by the reference "
                        + baseline.description() + ": " + incomparable.get()
                        + "; make the reference again with this run's settings");
            }
            if (reference.isEmpty() || incomparable.isPresent()) {
                verdicts.add(ImageVerdict.withoutBaseline(image.name(), signature.imageSize(), measure));
                incomparable.ifPresent(why -> restarted.put(image.name(), why));
                if (reference.isEmpty() && !baseline.isNone()) {
                    missing.add(image.name());
                }
                continue;
            }
            Optional<ContentComparison> content = measure == Measure.CONTENT
                    ? Optional.of(ContentComparison.of(signature.content().orElseThrow(),
                            reference.get().content().orElseThrow()))
                    : Optional.empty();
            double percent = content.map(c -> 100 * c.divergence())
                    .orElseGet(() -> divergencePercent(signature, reference.get()));
            verdicts.add(new ImageVerdict(image.name(), signature.imageSize(), Optional.of(reference.get().name()),
                    OptionalDouble.of(percent), rules.thresholds().verdict(percent), measure, content));
        }
        return new GateResult(verdicts, rules, restarted, missing);
    }

    /** Why this run cannot compare the image with its baseline signature; empty when it can. */
    private static Optional<String> incomparable(Signature image, Signature baseline, Measure measure) {
        if (image.algorithm() != baseline.algorithm() || image.blockSize() != baseline.blockSize()) {
            return Optional.of("its baseline " + baseline.name() + " was hashed with " + baseline.algorithm() + " in "
                    + baseline.blockSize() + "-byte blocks and this run hashes with " + image.algorithm() + " in "
                    + image.blockSize() + "-byte blocks");
        }
        if (measure == Measure.CONTENT && baseline.content().isEmpty()) {
            return Optional.of("its baseline " + baseline.name() + " holds no content fingerprints (it was made for"
                    + " the position measure, or by an older version)");
        }
        if (image.scheme() != baseline.scheme()) {
            // an older version's content signature, or one the content measure made, for a position run
            return Optional.of("its baseline " + baseline.name() + " holds " + baseline.scheme()
                    + " and this run makes " + image.scheme());
        }
        return Optional.empty();
    }

    /** The pair's divergence as the distance matrix gives it, in percent. */
    static double divergencePercent(Signature image, Signature baseline) {
        int union = Distances.nonZeroBlocks(image, baseline);
        return union == 0 ? 0.0 : 100.0 * Distances.differingBlocks(image, baseline) / union;
    }
}
