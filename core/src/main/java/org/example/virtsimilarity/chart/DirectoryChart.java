package org.example.virtsimilarity.chart;

import java.awt.Color;
import java.util.List;
import org.example.virtsimilarity.explain.DirectoryTotal;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.Printable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** An explanation's changed bytes per top-level directory, added, removed and changed stacked, largest first. */
public final class DirectoryChart {
    /** More bars would not be read; the JSON report has every directory. */
    static final int MAX_DIRECTORIES = 15;
    private static final double MIB = 1024.0 * 1024.0;

    private DirectoryChart() {
    }

    public static JFreeChart chart(Explanation explanation) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<DirectoryTotal> directories = explanation.directories();
        for (DirectoryTotal total : directories.subList(0, Math.min(MAX_DIRECTORIES, directories.size()))) {
            String directory = Printable.of(total.directory());
            dataset.addValue(total.addedBytes() / MIB, "added", directory);
            dataset.addValue(total.changedBytes() / MIB, "changed", directory);
            dataset.addValue(total.removedBytes() / MIB, "removed", directory);
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Changed files of " + Printable.of(explanation.image())
                + " by directory", "directory", "MiB", dataset, PlotOrientation.HORIZONTAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage("no changed files");
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, new Color(0x009E73));
        renderer.setSeriesPaint(1, new Color(0xE69F00));
        renderer.setSeriesPaint(2, new Color(0xCC0000));
        return chart;
    }
}
