package org.example.virtsimilarity.verdict;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.example.virtsimilarity.distance.Measure;

/**
 * The gate's findings for one run, in the order the images were given.
 *
 * @param images     one finding an image
 * @param thresholds the thresholds they were judged by
 * @param restarted  images whose baseline signature could not be compared by this run's measure (it holds no content
 *                   fingerprints), so that their signature of this run starts a new baseline
 */
public record GateResult(List<ImageVerdict> images, Thresholds thresholds, List<String> restarted) {
    public GateResult {
        images = List.copyOf(images);
        Objects.requireNonNull(thresholds, "thresholds");
        restarted = List.copyOf(restarted);
    }

    public GateResult(List<ImageVerdict> images, Thresholds thresholds) {
        this(images, thresholds, List.of());
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

    /**
     * What a build log says of the run, for each verdict that calls for a line: which images crossed the failure
     * threshold, which the warning threshold, or that there was nothing to compare with. The wrappers only decide
     * what each verdict does to their build.
     */
    public Map<Verdict, String> messages() {
        Map<Verdict, String> messages = new EnumMap<>(Verdict.class);
        for (Verdict crossed : List.of(Verdict.FAIL, Verdict.WARN)) {
            if (!with(crossed).isEmpty()) {
                messages.put(crossed, describe(crossed));
            }
        }
        if (!restarted.isEmpty()) {
            messages.put(Verdict.NO_BASELINE, "the baseline of " + String.join(", ", restarted) + " holds no content "
                    + "fingerprints (it was made for the position measure, or by an older version), so this run's "
                    + "signature starts a new baseline");
        } else if (verdict() == Verdict.NO_BASELINE) {
            messages.put(Verdict.NO_BASELINE, "no baseline to compare with, so the gate passes; this run's "
                    + "signatures can be the next run's baseline");
        }
        return Collections.unmodifiableMap(messages);
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
