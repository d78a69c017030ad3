package org.example.virtsimilarity.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.gate.GateResult;
import org.example.virtsimilarity.history.History;

/**
 * What a check found and wrote.
 *
 * @param analysis        the images, their distances and cladogram
 * @param baseline        what they were compared with
 * @param gate            each image's verdict
 * @param history         the history including this run
 * @param outputDirectory where the reports are
 * @param files           every file written, reports first
 */
public record CheckResult(AnalysisResult analysis, Baseline baseline, GateResult gate, History history,
                          Path outputDirectory, List<Path> files) {
    public CheckResult {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        files = List.copyOf(files);
    }
}
