package org.example.virtsimilarity.gate;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The gate's finding for one image.
 *
 * @param name       the image's label
 * @param size       its virtual size in bytes
 * @param baseline   the label of the baseline it was compared with; empty when it had none
 * @param divergence percent of the blocks holding data in either that differ; empty when it had no baseline
 * @param verdict    what the thresholds make of it
 */
public record ImageVerdict(String name, long size, Optional<String> baseline, OptionalDouble divergence,
                           Verdict verdict) {
    public ImageVerdict {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(divergence, "divergence");
        Objects.requireNonNull(verdict, "verdict");
        if (baseline.isPresent() != divergence.isPresent() || divergence.isEmpty() != (verdict == Verdict.NO_BASELINE)) {
            throw new IllegalArgumentException(name + ": a divergence goes with a baseline and a verdict other than "
                    + Verdict.NO_BASELINE);
        }
    }

    public static ImageVerdict withoutBaseline(String name, long size) {
        return new ImageVerdict(name, size, Optional.empty(), OptionalDouble.empty(), Verdict.NO_BASELINE);
    }
}
