package org.example.virtsimilarity.verdict;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The divergence limits of the gate, in percent of the blocks that hold data in either image. A divergence strictly
 * above a threshold crosses it, so a threshold of 0 allows only identical images.
 *
 * @param warn above it an image gets a warning; empty for none
 * @param fail above it an image fails; empty for none
 */
public record Thresholds(OptionalDouble warn, OptionalDouble fail) {
    public static final Thresholds NONE = new Thresholds(OptionalDouble.empty(), OptionalDouble.empty());

    public Thresholds {
        check("warning threshold", warn);
        check("failure threshold", fail);
        if (warn.isPresent() && fail.isPresent() && warn.getAsDouble() > fail.getAsDouble()) {
            throw new IllegalArgumentException("the warning threshold (" + percent(warn.getAsDouble())
                    + ") is above the failure threshold (" + percent(fail.getAsDouble()) + ")");
        }
    }

    /** Thresholds from optional percentages ({@code null} for none). */
    public static Thresholds of(Double warn, Double fail) {
        return new Thresholds(warn == null ? OptionalDouble.empty() : OptionalDouble.of(warn),
                fail == null ? OptionalDouble.empty() : OptionalDouble.of(fail));
    }

    /** The verdict for an image that diverges {@code percent} from its baseline. */
    public Verdict verdict(double percent) {
        if (fail.isPresent() && percent > fail.getAsDouble()) {
            return Verdict.FAIL;
        }
        if (warn.isPresent() && percent > warn.getAsDouble()) {
            return Verdict.WARN;
        }
        return Verdict.PASS;
    }

    /** A percentage as every report shows it: two decimals and a percent sign. */
    public static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f %%", value);
    }

    private static void check(String what, OptionalDouble value) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && value.getAsDouble() <= 100)) {
            throw new IllegalArgumentException("the " + what + " must be a percentage from 0 to 100, not "
                    + value.getAsDouble());
        }
    }
}
