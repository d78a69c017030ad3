package org.example.virtsimilarity.explain;

import java.util.List;

/**
 * Explains images against their baselines. The gate asks one; Jenkins gives it one that runs {@link GuestExplainer}
 * on the agent that holds the images.
 */
@FunctionalInterface
public interface Explainer {
    /** An explanation for each request, in order; one that cannot be explained is skipped, never an error. */
    List<Explanation> explain(List<ExplainRequest> requests);
}
