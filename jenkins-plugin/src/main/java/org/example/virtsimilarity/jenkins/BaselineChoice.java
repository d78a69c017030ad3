package org.example.virtsimilarity.jenkins;

/** What the images of a build are compared with. */
public enum BaselineChoice {
    /** Nothing: every build passes and records its signatures. */
    NONE,
    /**
     * The signatures archived by the last successful build (SUCCESS or UNSTABLE, Jenkins' meaning) of the job,
     * matched by image name.
     */
    LAST_SUCCESSFUL,
    /** The same from the last stable build (SUCCESS only): an image that crossed the warning threshold is none. */
    LAST_STABLE,
    /** The same from one build the user names by number, e.g. the release a product ships. */
    BUILD,
    /** One image or {@code .vsig} file in the workspace that every image is compared with. */
    REFERENCE;

    /** Whether the baseline is the signatures an earlier build of the job archived. */
    boolean isEarlierBuild() {
        return this == LAST_SUCCESSFUL || this == LAST_STABLE || this == BUILD;
    }

    /** The form's value; blank is none, as the form sends for a job saved before the field existed. */
    static BaselineChoice parse(String value) {
        return value == null || value.isBlank() ? NONE : valueOf(value.trim());
    }
}
