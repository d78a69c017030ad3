package org.example.virtsimilarity.verdict;

/** What the gate says of one image, or of a whole run (its worst image), from mildest to worst. */
public enum Verdict {
    /** Nothing to compare with: a first run, or an image new since the baseline. Passes. */
    NO_BASELINE("no baseline"),
    /** Within the thresholds. */
    PASS("pass"),
    /** Above the warning threshold. */
    WARN("warning"),
    /** Above the failure threshold. */
    FAIL("FAIL");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** How the verdict is shown in tables and reports. */
    public String label() {
        return label;
    }

    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
