package org.example.virtsimilarity.verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.example.virtsimilarity.distance.Measure;

/**
 * The gate's findings for one run, in the order the images were given.
 *
 * @param images          one finding an image, as the thresholds make it (an accepted image keeps its crossing)
 * @param rules           the thresholds and acceptances they were judged by
 * @param restarted       images whose baseline signature this run could not compare with, and why: their signature of
 *                        this run starts a new baseline
 * @param missingBaseline images that found no signature in a baseline that was given
 */
public record GateResult(List<ImageVerdict> images, GateRules rules, Map<String, String> restarted,
                         List<String> missingBaseline) {
    private static final int NAMES_SHOWN = 10;

    public GateResult {
        images = List.copyOf(images);
        Objects.requireNonNull(rules, "rules");
        restarted = Collections.unmodifiableMap(new LinkedHashMap<>(restarted));
        missingBaseline = List.copyOf(missingBaseline);
    }

    public GateResult(List<ImageVerdict> images, Thresholds thresholds) {
        this(images, GateRules.of(thresholds), Map.of(), List.of());
    }

    public Thresholds thresholds() {
        return rules.thresholds();
    }

    /** What the divergences measure (the run's measure). */
    public Measure measure() {
        return images.stream().map(ImageVerdict::measure).findFirst().orElse(Measure.POSITION);
    }

    /** What an image's verdict counts for in the run: an accepted crossing passes. */
    private Verdict effective(ImageVerdict image) {
        boolean crossed = image.verdict() == Verdict.WARN || image.verdict() == Verdict.FAIL;
        return crossed && rules.accepts(image.name()) ? Verdict.PASS : image.verdict();
    }

    /**
     * The worst verdict of any image, an accepted one counting as a pass; {@link Verdict#FAIL} when an image found no
     * baseline and the rules say that fails; {@link Verdict#NO_BASELINE} when none had a baseline.
     */
    public Verdict verdict() {
        Verdict worst = images.stream().map(this::effective).reduce(Verdict.NO_BASELINE, Verdict::worse);
        return failsForMissingBaseline() ? Verdict.FAIL : worst;
    }

    /** The images whose verdict counts as exactly this one (see {@link #effective}). */
    public List<ImageVerdict> with(Verdict verdict) {
        return images.stream().filter(image -> effective(image) == verdict).toList();
    }

    /** Whether the image crossed a threshold and was accepted: its signature of this run is its new baseline. */
    public boolean isAccepted(ImageVerdict image) {
        return effective(image) != image.verdict();
    }

    /** How tables show an image's verdict: an accepted crossing says so. */
    public String label(ImageVerdict image) {
        return isAccepted(image) ? image.verdict().label() + " (accepted)" : image.verdict().label();
    }

    /**
     * The images whose signature of this run does not enter the baseline set: those that fail, by a threshold or for
     * want of a baseline where that fails, and were not accepted. The set keeps the earlier baseline of an image that
     * had one, so that the next run compares with the last accepted one again, and leaves out one that had none.
     */
    public List<String> keptBaselines() {
        List<String> kept = new ArrayList<>(failingByThreshold());
        kept.addAll(failingWithoutBaseline());
        return List.copyOf(kept);
    }

    /** Images that fail by the failure threshold, unless accepted: the baseline set keeps their earlier one. */
    private List<String> failingByThreshold() {
        return with(Verdict.FAIL).stream().map(ImageVerdict::name).toList();
    }

    /** Images that fail for want of a baseline signature: where the rules say so, and unless accepted. */
    private List<String> failingWithoutBaseline() {
        return rules.failOnMissingBaseline()
                ? missingBaseline.stream().filter(name -> !rules.accepts(name)).toList() : List.of();
    }

    private boolean failsForMissingBaseline() {
        return !failingWithoutBaseline().isEmpty();
    }

    /**
     * What a build log says of the run, for each verdict that calls for a line: which images crossed the failure
     * threshold (or found no baseline where that fails), which the warning threshold, or that there was nothing to
     * compare with. The wrappers only decide what each verdict does to their build; {@link #notes()} are the lines
     * that inform.
     */
    public Map<Verdict, String> messages() {
        Map<Verdict, String> messages = new EnumMap<>(Verdict.class);
        List<String> failures = new ArrayList<>();
        if (!with(Verdict.FAIL).isEmpty()) {
            failures.add(describe(Verdict.FAIL));
        }
        if (failsForMissingBaseline()) {
            failures.add("no baseline signature for " + names(failingWithoutBaseline()) + ", and a missing baseline"
                    + " fails the run");
        }
        if (!failures.isEmpty()) {
            messages.put(Verdict.FAIL, String.join("; ", failures));
        }
        if (!with(Verdict.WARN).isEmpty()) {
            messages.put(Verdict.WARN, describe(Verdict.WARN));
        }
        if (verdict() == Verdict.NO_BASELINE && restarted.isEmpty()) {
            messages.put(Verdict.NO_BASELINE, "no baseline to compare with, so the gate passes; this run's "
                    + "signatures can be the next run's baseline");
        }
        return Collections.unmodifiableMap(messages);
    }

    /**
     * Lines that inform without judging: baselines this run restarts and why, images that found no baseline
     * signature, accepted crossings, and failing images whose baseline is kept.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        restarted.forEach((image, why) -> notes.add("starts a new baseline for " + image + ": " + why));
        if (!missingBaseline.isEmpty() && !failsForMissingBaseline()) {
            notes.add("no baseline signature for " + names(missingBaseline) + ": compared with nothing this time");
        }
        for (ImageVerdict image : images.stream().filter(this::isAccepted).toList()) {
            notes.add("accepted: " + image.name() + " diverges " + Thresholds.percent(image.divergence().orElseThrow())
                    + " from baseline " + image.baseline().orElseThrow() + "; its signature of this run is its new"
                    + " baseline");
        }
        if (rules.failOnMissingBaseline()) {
            missingBaseline.stream().filter(rules::accepts).forEach(name -> notes.add("accepted: " + name
                    + " has no baseline signature; its signature of this run is its new baseline"));
        }
        List<String> keptEarlier = failingByThreshold();
        if (!keptEarlier.isEmpty()) {
            notes.add("the baseline set keeps the earlier baseline of " + names(keptEarlier)
                    + ", so the next run compares with it again until the image is fixed or accepted");
        }
        if (failsForMissingBaseline()) {
            notes.add("the baseline set leaves out " + names(failingWithoutBaseline())
                    + " until a person accepts it");
        }
        List<String> unknown = rules.accepted().stream().filter(name -> !name.equals(GateRules.ALL))
                .filter(name -> images.stream().noneMatch(image -> image.name().equals(name))).sorted().toList();
        if (!unknown.isEmpty()) {
            // not an error: a reactor's modules share one command line, and each holds some of the images
            notes.add("accept names " + names(unknown) + ", which is not an image of this run");
        }
        return List.copyOf(notes);
    }

    private static String names(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(names.size(), NAMES_SHOWN)));
        return names.size() > NAMES_SHOWN ? shown + " and " + (names.size() - NAMES_SHOWN) + " more" : shown;
    }

    /** One line that says which images crossed which threshold, e.g. for a build failure. */
    public String describe(Verdict verdict) {
        List<ImageVerdict> crossed = with(verdict);
        double threshold = (verdict == Verdict.FAIL ? thresholds().fail() : thresholds().warn()).orElse(Double.NaN);
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
