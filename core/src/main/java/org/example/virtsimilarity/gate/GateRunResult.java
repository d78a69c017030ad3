package org.example.virtsimilarity.gate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.verdict.GateResult;

/**
 * What a gate run found and wrote.
 *
 * @param analysis        the images, their distances and cladogram
 * @param baseline        what they were compared with
 * @param gate            each image's verdict
 * @param explanations    why images diverge, for those the options asked to explain
 * @param history         the history including this run
 * @param outputDirectory where the reports are
 * @param files           every file written, reports first
 */
public record GateRunResult(AnalysisResult analysis, Baseline baseline, GateResult gate,
                            List<Explanation> explanations, History history, Path outputDirectory, List<Path> files) {
    public GateRunResult {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        explanations = List.copyOf(explanations);
        files = List.copyOf(files);
    }
}
