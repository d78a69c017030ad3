package org.example.virtsimilarity.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.HashSet;
import java.util.OptionalDouble;
import java.util.Set;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.history.HistoryRun;
import org.example.virtsimilarity.verdict.Thresholds;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.ui.RectangleAnchor;
import org.jfree.ui.TextAnchor;

/**
 * Each image's divergence from its baseline across runs, one line an image and measure (a change of measure starts a
 * new line), with the thresholds drawn across. A run where an image was absent or had no baseline leaves a gap.
 */
public final class DivergenceTrend {
    private DivergenceTrend() {
    }

    public static JFreeChart chart(History history, Thresholds thresholds) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        Set<String> seen = new HashSet<>();
        for (HistoryRun run : history.runs()) {
            // category keys must be unique; a label used twice falls back to the run number
            String column = seen.add(run.axisLabel()) ? run.axisLabel() : "#" + run.number();
            seen.add(column);
            for (String series : history.series()) {
                OptionalDouble divergence = run.divergence(series);
                dataset.addValue(divergence.isPresent() ? Double.valueOf(divergence.getAsDouble()) : null, series,
                        column);
            }
        }
        JFreeChart chart = ChartFactory.createLineChart("Divergence from baseline", "run", "divergence (%)", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage("no runs yet");
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setBaseShapesVisible(true);
        renderer.setBaseStroke(new BasicStroke(2f));
        CategoryAxis runs = plot.getDomainAxis();
        if (dataset.getColumnCount() > 12) {
            runs.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        plot.getRangeAxis().setLowerBound(0);
        thresholds.warn().ifPresent(value -> plot.addRangeMarker(marker(value, "warning", new Color(0xE69F00))));
        thresholds.fail().ifPresent(value -> plot.addRangeMarker(marker(value, "failure", new Color(0xCC0000))));
        double highest = thresholds.fail().orElse(thresholds.warn().orElse(0));
        if (plot.getRangeAxis().getUpperBound() < highest * 1.1) {
            plot.getRangeAxis().setUpperBound(Math.min(100, Math.max(1, highest * 1.1)));
        }
        return chart;
    }

    private static ValueMarker marker(double value, String label, Color color) {
        ValueMarker marker = new ValueMarker(value, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel(label + " " + Thresholds.percent(value));
        marker.setLabelPaint(color);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
    }
}
