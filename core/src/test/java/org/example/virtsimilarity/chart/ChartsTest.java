package org.example.virtsimilarity.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.ImageVerdict;
import org.example.virtsimilarity.verdict.Thresholds;
import org.example.virtsimilarity.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    static final Color DARKEST = new Color(0x7F0000);
    static final Color FAIL_LINE = new Color(0xCC0000);
    /** The heatmap's colour for 0 %. */
    static final Color PALEST = new Color(0xF7FBFF);

    @TempDir
    Path dir;

    @Test
    void theHeatmapColoursUnrelatedPairsDarkAndClonesPale() throws Exception {
        Path a = TestImages.raw(dir.resolve("a.img"), 8, 1);
        Path copy = TestImages.changedCopy(a, dir.resolve("copy.img"), 2);
        Path other = TestImages.raw(dir.resolve("other.img"), 8, 3);

        BufferedImage clones = png(DivergenceHeatmap.chart(List.of("a", "copy"), analyse(a, copy).distances()));
        BufferedImage unrelated = png(DivergenceHeatmap.chart(List.of("a", "other"),
                analyse(a, other).distances()));

        // the diagonal and the clone pair (2 of 8 blocks differ, 25 %) are pale; nothing is dark
        assertThat(count(clones, PALEST)).isGreaterThan(2 * 50 * 50);
        assertThat(count(clones, DARKEST)).isZero();
        assertThat(count(unrelated, PALEST)).isGreaterThan(2 * 50 * 50);
        // two off-diagonal cells of 100 %
        assertThat(count(unrelated, DARKEST)).isGreaterThan(2 * 50 * 50);
    }

    @Test
    void theTrendChartDrawsTheThresholdsAndCopesWithNoData() throws Exception {
        Thresholds thresholds = Thresholds.of(5.0, 10.0);
        History history = History.empty();
        for (double divergence : new double[] {1, 3, 7}) {
            history = history.append(new GateResult(List.of(new ImageVerdict("web.img", 1L << 30,
                    Optional.of("web.img"), OptionalDouble.of(divergence), thresholds.verdict(divergence),
                    Measure.POSITION, Optional.empty())),
                    thresholds), Instant.EPOCH, "");
        }

        BufferedImage trend = png(DivergenceTrend.chart(history, thresholds));
        BufferedImage empty = png(DivergenceTrend.chart(History.empty(), Thresholds.NONE));

        assertThat(count(trend, FAIL_LINE)).as("the failure threshold line").isGreaterThan(100);
        assertThat(count(empty, FAIL_LINE)).isZero();
    }

    @Test
    void aChangeOfMeasureStartsANewTrendLine() {
        Thresholds thresholds = Thresholds.of(5.0, 10.0);
        History history = History.empty();
        for (Measure measure : new Measure[] {Measure.POSITION, Measure.POSITION, Measure.CONTENT}) {
            history = history.append(new GateResult(List.of(new ImageVerdict("web.img", 1L << 30,
                    Optional.of("web.img"), OptionalDouble.of(2), Verdict.PASS, measure, Optional.empty())),
                    thresholds), Instant.EPOCH, "");
        }

        org.jfree.data.category.CategoryDataset lines = DivergenceTrend.chart(history, thresholds).getCategoryPlot()
                .getDataset();

        assertThat(lines.getRowKeys()).containsExactly("web.img", "web.img (content)");
        assertThat(lines.getValue("web.img", "#3")).isNull();
        assertThat(lines.getValue("web.img (content)", "#3")).isEqualTo(2.0);
    }

    private static AnalysisResult analyse(Path... images) {
        return SimilarityAnalysis.run(AnalysisOptions.builder().inputs(List.of(images)).cacheEnabled(false).build(),
                ProgressListener.NONE);
    }

    private static BufferedImage png(org.jfree.chart.JFreeChart chart) throws Exception {
        byte[] bytes = ChartPng.render(chart, 480, 480);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private static int count(BufferedImage image, Color color) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return count;
    }
}
