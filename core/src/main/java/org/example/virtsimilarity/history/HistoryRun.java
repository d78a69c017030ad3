package org.example.virtsimilarity.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.Verdict;

/**
 * One run in the history: when it ran and each image's divergence from its baseline.
 *
 * @param number the run's number, counting from 1 in its history
 * @param time   when it ran
 * @param label  what the run is called (a build number, a version), or empty
 * @param images each image's finding, in the order the run gave them
 */
public record HistoryRun(int number, Instant time, String label, List<Entry> images) {
    public HistoryRun {
        if (number < 1) {
            throw new IllegalArgumentException("run numbers count from 1");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(label, "label");
        images = List.copyOf(images);
    }

    /**
     * One image's finding.
     *
     * @param name       the image's label
     * @param divergence percent divergence from its baseline; empty when it had none
     * @param verdict    the gate's verdict
     * @param measure    what the divergence measures
     */
    public record Entry(String name, OptionalDouble divergence, Verdict verdict, Measure measure) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(divergence, "divergence");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(measure, "measure");
        }

        /**
         * The trend line this entry belongs to: the image by one measure, so that a change of measure starts a new
         * line instead of a false jump.
         */
        public String series() {
            return measure == Measure.POSITION ? name : name + " (" + measure.id() + ")";
        }
    }

    public static HistoryRun of(int number, Instant time, String label, GateResult gate) {
        return new HistoryRun(number, time, label, gate.images().stream()
                .map(image -> new Entry(image.name(), image.divergence(), image.verdict(), image.measure())).toList());
    }

    /** The worst verdict of the run. */
    public Verdict verdict() {
        return images.stream().map(Entry::verdict).reduce(Verdict.NO_BASELINE, Verdict::worse);
    }

    /** The divergence on a trend line ({@link Entry#series()}) in this run, if the image had a baseline. */
    public OptionalDouble divergence(String series) {
        return images.stream().filter(entry -> entry.series().equals(series)).findFirst().map(Entry::divergence)
                .orElse(OptionalDouble.empty());
    }

    /** How the run is named on a chart axis: its label, else {@code #number}. */
    public String axisLabel() {
        return Optional.of(label).filter(l -> !l.isBlank()).orElse("#" + number);
    }
}
