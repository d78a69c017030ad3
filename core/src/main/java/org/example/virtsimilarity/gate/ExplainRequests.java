package org.example.virtsimilarity.gate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.explain.ExplainRequest;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.ImageVerdict;

/** The images a gate run explains: those the scope covers, each against the baseline its verdict was made with. */
final class ExplainRequests {
    private ExplainRequests() {
    }

    static List<ExplainRequest> of(AnalysisResult analysis, Baseline baseline, GateResult gate, ExplainScope scope) {
        List<ExplainRequest> requests = new ArrayList<>();
        for (ImageVerdict verdict : gate.images()) {
            if (!scope.covers(verdict.verdict())) {
                continue;
            }
            Optional<Signature> reference = baseline.forImage(verdict.name());
            Optional<ImageResult> image = analysis.images().stream()
                    .filter(result -> result.name().equals(verdict.name())).findFirst();
            if (reference.isEmpty() || image.isEmpty()) {
                continue;
            }
            ImageResult result = image.get();
            Optional<ImageFormat> stated = result.formatStated() ? Optional.of(result.format()) : Optional.empty();
            // a reference image the user named is the user's word; a signature's recorded path is looked at later
            Optional<Path> named = baseline.referenceImage();
            Optional<ImageFormat> namedFormat = named.flatMap(path -> ImageFormat.fromQemuName(reference.get()
                    .identity().format()));
            requests.add(new ExplainRequest(result.path(), stated, result.signature(), reference.get(), named,
                    namedFormat));
        }
        return requests;
    }
}
