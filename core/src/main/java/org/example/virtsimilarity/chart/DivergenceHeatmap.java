package org.example.virtsimilarity.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.ui.RectangleEdge;

/** The distance matrix as a heatmap: one cell a pair, coloured by divergence, the images in report order. */
public final class DivergenceHeatmap {
    /** Above this many images, names and cell values would overlap: the axes show positions only. */
    static final int MAX_NAMED = 60;
    static final int MAX_ANNOTATED = 16;

    private DivergenceHeatmap() {
    }

    public static JFreeChart chart(List<String> names, DistanceMatrix matrix) {
        int n = matrix.size();
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        double[] zs = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                xs[k] = j;
                ys[k] = i;
                zs[k] = i == j ? 0 : 100 * matrix.divergence(i, j);
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("divergence", new double[][] {xs, ys, zs});

        DivergencePaintScale scale = new DivergencePaintScale();
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        String[] labels = names.toArray(new String[0]);
        SymbolAxis columns = axis(labels, n);
        columns.setVerticalTickLabels(true);
        SymbolAxis rows = axis(labels, n);
        rows.setInverted(true);
        XYPlot plot = new XYPlot(dataset, columns, rows, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (n <= MAX_ANNOTATED) {
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, n <= 8 ? 12 : 9);
            for (int k = 0; k < zs.length; k++) {
                XYTextAnnotation value = new XYTextAnnotation(String.format(Locale.ROOT, "%.1f", zs[k]), xs[k], ys[k]);
                value.setFont(font);
                value.setPaint(zs[k] > 60 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(value);
            }
        }

        JFreeChart chart = new JFreeChart("Divergence between images (%)", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis legendAxis = new NumberAxis("divergence (%)");
        legendAxis.setRange(0, 100);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        legend.setStripWidth(14);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Pixels a side that keep cells readable: 18 a cell beside the labels, within 480 to 2,400. */
    public static int size(int images) {
        return Math.max(480, Math.min(2400, 260 + 18 * images));
    }

    private static SymbolAxis axis(String[] labels, int n) {
        SymbolAxis axis = new SymbolAxis(null, labels);
        axis.setRange(-0.5, n - 0.5);
        axis.setGridBandsVisible(false);
        axis.setTickLabelsVisible(n <= MAX_NAMED);
        return axis;
    }
}
