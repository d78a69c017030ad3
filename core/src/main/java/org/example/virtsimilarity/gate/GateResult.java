package org.example.virtsimilarity.gate;

import java.util.List;
import java.util.Objects;
import org.example.virtsimilarity.distance.Measure;

/**
 * The gate's findings for one run, in the order the images were given.
 *
 * @param images     one finding an image
 * @param thresholds the thresholds they were judged by
 */
public record GateResult(List<ImageVerdict> images, Thresholds thresholds) {
    public GateResult {
        images = List.copyOf(images);
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** What the divergences measure (the run's measure). */
    public Measure measure() {
        return images.stream().map(ImageVerdict::measure).findFirst().orElse(Measure.POSITION);
    }

    /** The worst verdict of any image; {@link Verdict#NO_BASELINE} when none had a baseline. */
    public Verdict verdict() {
        return images.stream().map(ImageVerdict::verdict).reduce(Verdict.NO_BASELINE, Verdict::worse);
    }

    /** The images with exactly this verdict. */
    public List<ImageVerdict> with(Verdict verdict) {
        return images.stream().filter(image -> image.verdict() == verdict).toList();
    }

    /** One line that says which images crossed which threshold, e.g. for a build failure. */
    public String describe(Verdict verdict) {
        List<ImageVerdict> crossed = with(verdict);
        double threshold = (verdict == Verdict.FAIL ? thresholds.fail() : thresholds.warn()).orElse(Double.NaN);
        String limit = (verdict == Verdict.FAIL ? "failure" : "warning") + " threshold "
                + Thresholds.percent(threshold);
        StringBuilder line = new StringBuilder();
        for (ImageVerdict image : crossed) {
            line.append(line.isEmpty() ? "" : "; ").append(image.name()).append(" diverges ")
                    .append(Thresholds.percent(image.divergence().orElseThrow())).append(" from baseline ")
                    .append(image.baseline().orElseThrow());
        }
        return line.append(crossed.size() == 1 ? ", above the " : " (each above the ").append(limit)
                .append(crossed.size() == 1 ? "" : ")").toString();
    }
}
