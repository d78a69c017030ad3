package org.example.virtsimilarity.jenkins;

/** What the images of a build are compared with. */
public enum BaselineChoice {
    /** Nothing: every build passes and records its signatures. */
    NONE,
    /** The signatures archived by the last successful build of the job, matched by image name. */
    LAST_SUCCESSFUL,
    /** One image or {@code .vsig} file in the workspace that every image is compared with. */
    REFERENCE
}
