package org.example.virtsimilarity.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.example.virtsimilarity.verdict.Verdict;

/** Which images a gate run explains against their baseline (each takes an appliance launch, 10-15 s). */
public enum ExplainScope {
    NEVER,
    /** Images at or over the warning threshold: the ones someone will ask about. The default. */
    WARNING,
    /** Every image that has a baseline. */
    ALWAYS;

    public static final String DEFAULT = "warning";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope of a user's word ({@code never}, {@code warning}, {@code always}). */
    public static ExplainScope fromId(String id) {
        for (ExplainScope scope : values()) {
            if (scope.id().equalsIgnoreCase(id.trim())) {
                return scope;
            }
        }
        throw new IllegalArgumentException("explain is one of " + Arrays.stream(values()).map(ExplainScope::id)
                .collect(Collectors.joining(", ")) + ", not '" + id + "'");
    }

    boolean covers(Verdict verdict) {
        return switch (this) {
            case NEVER -> false;
            case WARNING -> verdict == Verdict.WARN || verdict == Verdict.FAIL;
            case ALWAYS -> verdict != Verdict.NO_BASELINE;
        };
    }
}
