package org.example.virtsimilarity.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.baseline.Baselines;
import org.example.virtsimilarity.explain.DirectoryTotal;
import org.example.virtsimilarity.explain.ExplainRequest;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.FileChange;
import org.example.virtsimilarity.explain.FileType;
import org.example.virtsimilarity.verdict.Thresholds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which images the gate asks to explain, against what, and where the explanations go. The explainer here records the
 * requests and answers with a fixed explanation (the appliance's side is ExplainIT's, on real guests).
 */
class GateRunExplainTest {
    @TempDir
    Path dir;
    Path night1;
    Path night2;
    final List<ExplainRequest> asked = new ArrayList<>();

    @BeforeEach
    void twoNights() throws Exception {
        TestImages.twoNights(dir);
        night1 = dir.resolve("night1");
        night2 = dir.resolve("night2");
    }

    private GateRunResult run(ExplainScope scope, Thresholds thresholds) {
        GateRun.run(options("night1").build(), ProgressListener.NONE);
        GateOptions options = options("night2").baseline(dir.resolve("night1-out")).thresholds(thresholds)
                .explain(scope).build();
        AnalysisOptions analysis = options.analysis().withInputs(List.of(night2.resolve("db.img"),
                night2.resolve("web.img")));
        List<ImageResult> images = ImageSigning.sign(analysis, ProgressListener.NONE);
        Baseline baseline = Baselines.load(dir.resolve("night1-out"), analysis, ProgressListener.NONE);
        return GateRun.run(options, images, baseline, this::explain, ProgressListener.NONE);
    }

    private List<Explanation> explain(List<ExplainRequest> requests) {
        asked.addAll(requests);
        FileChange added = new FileChange("/dev/sda", "/opt/<b>new</b>\nfile", FileChange.Change.ADDED,
                FileType.REGULAR, -1, 4096, "");
        return requests.stream().map(request -> new Explanation(request.imageName(), request.baselineName(),
                Explanation.Status.COMPLETE, List.of(), 393216, -1, List.of(), List.of(added), 1,
                List.of(new DirectoryTotal("/opt", 1, 4096, 0, 0)), 12.5, 1024)).toList();
    }

    private GateOptions.Builder options(String night) {
        return GateOptions.builder(dir.resolve(night)).images(List.of("*.img"))
                .analysis(AnalysisOptions.builder().cacheEnabled(false).build())
                .outputDirectory(dir.resolve(night + "-out"));
    }

    @Test
    void theDefaultScopeExplainsOnlyImagesAtOrOverTheWarningThreshold() throws Exception {
        GateRunResult result = run(ExplainScope.WARNING, Thresholds.of(5.0, 20.0));

        assertThat(asked).extracting(ExplainRequest::imageName).containsExactly("web.img");
        ExplainRequest request = asked.get(0);
        assertThat(request.image()).isEqualTo(night2.resolve("web.img"));
        assertThat(request.baselineName()).isEqualTo("web.img");
        // the baseline is a folder of signatures: where its image is, is the explainer's to check, not the user's word
        assertThat(request.baselineImage()).isEmpty();
        assertThat(request.baselineSignature().identity().path()).isEqualTo(night1.resolve("web.img").toRealPath()
                .toString());
        assertThat(result.explanations()).hasSize(1);
        Path out = dir.resolve("night2-out");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode explanation = report.get("explanations").get(0);
        assertThat(explanation.get("image").asText()).isEqualTo("web.img");
        assertThat(explanation.get("files").get(0).get("path").asText()).isEqualTo("/opt/<b>new</b>\nfile");
        assertThat(explanation.get("directories").get(0).get("addedBytes").asLong()).isEqualTo(4096);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("/opt/&lt;b&gt;new&lt;/b&gt;\\nfile").doesNotContain("<b>new");
        assertThat(Files.readAllBytes(out.resolve("explanation-1.png"))).startsWith((byte) 0x89, (byte) 'P');
        assertThat(result.files()).contains(out.resolve("explanation-1.png"));
    }

    @Test
    void alwaysExplainsEveryImageWithABaselineAndNeverNone() {
        run(ExplainScope.ALWAYS, Thresholds.NONE);
        assertThat(asked).extracting(ExplainRequest::imageName).containsExactly("db.img", "web.img");

        asked.clear();
        GateRunResult result = run(ExplainScope.NEVER, Thresholds.of(1.0, 2.0));
        assertThat(asked).isEmpty();
        assertThat(result.explanations()).isEmpty();
    }

    @Test
    void aFirstRunHasNothingToExplain() {
        GateRunResult first = GateRun.run(options("night1").explain(ExplainScope.ALWAYS).build(),
                ProgressListener.NONE);

        assertThat(first.explanations()).isEmpty();
    }
}
