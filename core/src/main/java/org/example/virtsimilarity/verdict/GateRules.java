package org.example.virtsimilarity.verdict;

import java.util.Objects;
import java.util.Set;

/**
 * What the gate holds images to: the thresholds, the images a person accepted although they cross one (their
 * signature of this run becomes their baseline), and whether an image without a baseline fails the run.
 *
 * @param thresholds            the warning and failure thresholds
 * @param accepted              names of images whose crossing is accepted; {@value #ALL} accepts every image
 * @param failOnMissingBaseline whether an image that finds no baseline signature in a given baseline fails the run
 */
public record GateRules(Thresholds thresholds, Set<String> accepted, boolean failOnMissingBaseline) {
    /** The name that accepts every image of the run. */
    public static final String ALL = "*";

    public GateRules {
        Objects.requireNonNull(thresholds, "thresholds");
        accepted = Set.copyOf(accepted);
    }

    /** Thresholds alone: nothing accepted, an image without a baseline passes. */
    public static GateRules of(Thresholds thresholds) {
        return new GateRules(thresholds, Set.of(), false);
    }

    /** Whether a person accepted this image's divergence for this run. */
    public boolean accepts(String image) {
        return accepted.contains(image) || accepted.contains(ALL);
    }
}
