package org.example.virtsimilarity.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.report.ByteSizes;
import org.example.virtsimilarity.report.SummaryTable;
import org.example.virtsimilarity.signature.Signature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {
    @TempDir
    Path dir;
    Signature base;
    AnalysisResult run;

    @BeforeEach
    void images() throws Exception {
        // base: 64 blocks, 4 of them zero, so 60 hold data; the clone changes 6 of those: 10 % divergence
        Path basePath = TestImages.raw(dir.resolve("base.img"), 64, 1, 60, 61, 62, 63);
        Path clone = TestImages.changedCopy(basePath, dir.resolve("clone.img"), 2, 1, 2, 3, 4, 5, 6);
        AnalysisResult all = analyse(List.of(basePath, clone));
        base = all.images().get(0).signature();
        run = analyse(List.of(clone, basePath));
    }

    @Test
    void judgesEachImageByItsDivergenceFromTheReference() {
        GateResult result = Gate.evaluate(run, Baseline.reference("base.img", base), Thresholds.of(5.0, 20.0));

        assertThat(result.images()).extracting(ImageVerdict::name, ImageVerdict::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("clone.img", Verdict.WARN),
                        org.assertj.core.groups.Tuple.tuple("base.img", Verdict.PASS));
        assertThat(result.images().get(0).divergence().getAsDouble()).isEqualTo(10.0);
        assertThat(result.images().get(1).divergence().getAsDouble()).isZero();
        assertThat(result.images().get(0).baseline()).contains("base.img");
        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
        assertThat(result.describe(Verdict.WARN))
                .isEqualTo("clone.img diverges 10.00 % from baseline base.img, above the warning threshold 5.00 %");
    }

    @Test
    void aDivergenceEqualToTheThresholdPasses() {
        assertThat(Gate.evaluate(run, Baseline.reference("b", base), Thresholds.of(null, 10.0)).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(Gate.evaluate(run, Baseline.reference("b", base), Thresholds.of(null, 9.99)).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void imagesWithoutABaselinePassAndSaySo() {
        GateResult result = Gate.evaluate(run, Baseline.none(), Thresholds.of(0.0, 0.0));

        assertThat(result.images()).allMatch(image -> image.verdict() == Verdict.NO_BASELINE
                && image.divergence().isEmpty() && image.baseline().isEmpty());
        assertThat(result.verdict()).isEqualTo(Verdict.NO_BASELINE);
    }

    @Test
    void anEarlierRunIsMatchedByName() {
        Baseline earlier = Baseline.earlierRun("earlier", List.of(base.withIdentity(base.identity()
                .withName("clone.img"))));

        GateResult result = Gate.evaluate(run, earlier, Thresholds.of(null, 5.0));

        assertThat(result.images().get(0).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.images().get(1).verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(result.describe(Verdict.FAIL)).startsWith("clone.img diverges 10.00 %")
                .endsWith("above the failure threshold 5.00 %");
    }

    @Test
    void thresholdsAreValidated() {
        assertThatThrownBy(() -> Thresholds.of(30.0, 10.0)).hasMessage(
                "the warning threshold (30.00 %) is above the failure threshold (10.00 %)");
        assertThatThrownBy(() -> Thresholds.of(null, 101.0)).hasMessageContaining("from 0 to 100");
        assertThatThrownBy(() -> Thresholds.of(-1.0, null)).hasMessageContaining("from 0 to 100");
        assertThatThrownBy(() -> Thresholds.of(Double.NaN, null)).hasMessageContaining("from 0 to 100");
    }

    @Test
    void theSummaryTableAlignsItsColumns() {
        List<String> lines = SummaryTable.render(Gate.evaluate(run, Baseline.reference("base.img", base),
                Thresholds.of(5.0, 20.0)));

        assertThat(lines).containsExactly(
                "image         size  divergence  verdict  baseline",
                "clone.img  4.0 MiB     10.00 %  warning  base.img",
                "base.img   4.0 MiB      0.00 %  pass     base.img");
        assertThat(ByteSizes.format(512)).isEqualTo("512 B");
        assertThat(ByteSizes.format(10L << 30)).isEqualTo("10.0 GiB");
    }

    private static AnalysisResult analyse(List<Path> images) {
        return SimilarityAnalysis.run(AnalysisOptions.builder().inputs(images).cacheEnabled(false).build(),
                ProgressListener.NONE);
    }
}
