package org.example.virtsimilarity.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.io.AtomicFile;
import org.example.virtsimilarity.io.IoErrors;
import org.example.virtsimilarity.report.BackingPlanJson;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.storage.BackingPlan;
import org.example.virtsimilarity.storage.BackingPlanner;

/**
 * A gate run's backing plan: the least-storage tree of qcow2 backing files for the run's images, written as
 * {@value BackingPlanJson#FILE_NAME} beside its reports. A report only: a build gate never rewrites images.
 */
public final class BackingPlanReport {
    private BackingPlanReport() {
    }

    /** Plans the run's images with chains at most {@code maxChain} deep, and writes the plan whole or not at all. */
    public static BackingPlan write(GateRunResult run, int maxChain) {
        List<Signature> signatures = run.analysis().images().stream().map(ImageResult::signature).toList();
        DistanceMatrix distances = run.analysis().distances();
        // a gate by content has no position distances to lend the plan
        BackingPlan plan = distances.measure() == Measure.POSITION
                ? BackingPlanner.plan(signatures, distances, maxChain) : BackingPlanner.plan(signatures, maxChain);
        Path file = run.outputDirectory().resolve(BackingPlanJson.FILE_NAME);
        try {
            AtomicFile.write(file, BackingPlanJson.render(plan).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot write: " + IoErrors.describe(e));
        }
        return plan;
    }

    /** Removes a plan an earlier run left in the output directory, so that no stale plan sits beside new reports. */
    public static void remove(GateRunResult run) {
        Path file = run.outputDirectory().resolve(BackingPlanJson.FILE_NAME);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot remove: " + IoErrors.describe(e));
        }
    }
}
