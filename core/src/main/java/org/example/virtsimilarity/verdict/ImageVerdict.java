package org.example.virtsimilarity.verdict;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.example.virtsimilarity.distance.ContentComparison;
import org.example.virtsimilarity.distance.Measure;

/**
 * The gate's finding for one image.
 *
 * @param name       the image's label
 * @param size       its virtual size in bytes
 * @param baseline   the label of the baseline it was compared with; empty when it had none
 * @param divergence percent divergence from the baseline (see {@link Gate}); empty when it had no baseline
 * @param verdict    what the thresholds make of it
 * @param measure    what the divergence measures
 * @param content    for the content measure with a baseline, the data that is new, removed and moved
 */
public record ImageVerdict(String name, long size, Optional<String> baseline, OptionalDouble divergence,
                           Verdict verdict, Measure measure, Optional<ContentComparison> content) {
    public ImageVerdict {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(divergence, "divergence");
        Objects.requireNonNull(verdict, "verdict");
        if (baseline.isPresent() != divergence.isPresent() || divergence.isEmpty() != (verdict == Verdict.NO_BASELINE)) {
            throw new IllegalArgumentException(name + ": a divergence goes with a baseline and a verdict other than "
                    + Verdict.NO_BASELINE);
        }
    }

    public static ImageVerdict withoutBaseline(String name, long size, Measure measure) {
        return new ImageVerdict(name, size, Optional.empty(), OptionalDouble.empty(), Verdict.NO_BASELINE, measure,
                Optional.empty());
    }
}
