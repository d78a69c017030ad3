package org.example.virtsimilarity.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.doxia.sink.SinkEventAttributes;
import org.apache.maven.doxia.sink.impl.SinkEventAttributeSet;
import org.apache.maven.reporting.AbstractMavenReportRenderer;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.report.ByteSizes;
import org.example.virtsimilarity.report.HtmlReport;
import org.example.virtsimilarity.report.ReportFormat;
import org.example.virtsimilarity.verdict.Thresholds;

/**
 * The gate's page in the project site, in the site's own look: the verdicts, the charts and the cladogram of the
 * HTML report, with links to the full report and the other files copied beside the page. Values from the report are
 * written as text (the sink escapes them), never as markup or link patterns.
 */
final class SitePage extends AbstractMavenReportRenderer {
    private final GateReport report;
    private final String folder;
    private final Set<String> copied;
    private final Optional<String> cladogram;

    /**
     * @param folder the folder, relative to the page, that holds the copied files
     * @param copied the names of the files copied there
     * @param cladogram the text cladogram, where the run wrote one
     */
    SitePage(Sink sink, GateReport report, String folder, Set<String> copied, Optional<String> cladogram) {
        super(sink);
        this.report = report;
        this.folder = folder;
        this.copied = copied;
        this.cladogram = cladogram;
    }

    @Override
    public String getTitle() {
        return "virt-similarity";
    }

    @Override
    protected void renderBody() {
        startSection(getTitle());
        paragraph("Verdict: " + report.verdict() + ". " + report.images().size() + " images; measure "
                + report.measure() + "; thresholds: " + threshold("warning", report.warnPercent()) + ", "
                + threshold("failure", report.failPercent()) + ".");
        images();
        if (!report.notes().isEmpty()) {
            sink.list();
            report.notes().forEach(note -> {
                sink.listItem();
                sink.text(note);
                sink.listItem_();
            });
            sink.list_();
        }
        chart("Trend", HtmlReport.TREND_FILE, "divergence from baseline across runs");
        chart("Distances", HtmlReport.HEATMAP_FILE, "divergence between every pair of images");
        cladogram.ifPresent(text -> {
            startSection("Cladogram");
            verbatimText(text);
            endSection();
        });
        files();
        endSection();
    }

    private void images() {
        boolean content = Measure.CONTENT.id().equals(report.measure());
        List<String> header = new ArrayList<>(List.of("image", "divergence"));
        if (content) {
            header.addAll(List.of("new data", "moved", "removed"));
        }
        header.addAll(List.of("verdict", "baseline"));
        startTable();
        tableHeader(header.toArray(String[]::new));
        for (GateReport.Image image : report.images()) {
            sink.tableRow();
            cell(image.name());
            cell(percent(image.divergencePercent()));
            if (content) {
                Optional<GateReport.ContentChange> change = image.content();
                cell(change.map(c -> ByteSizes.format(c.newBytes())).orElse("-"));
                cell(change.map(c -> ByteSizes.format(c.movedBytes())).orElse("-"));
                cell(change.map(c -> ByteSizes.format(c.removedBytes())).orElse("-"));
            }
            cell(image.label());
            cell(image.baseline().orElse("-"));
            sink.tableRow_();
        }
        endTable();
    }

    /** A chart the run drew, shown where it was copied (a run without the HTML format draws none). */
    private void chart(String title, String file, String alt) {
        if (!copied.contains(file)) {
            return;
        }
        startSection(title);
        sink.figure();
        sink.figureGraphics(folder + "/" + file, new SinkEventAttributeSet(SinkEventAttributes.ALT, alt));
        sink.figure_();
        endSection();
    }

    private void files() {
        sink.paragraph();
        if (copied.contains(ReportFormat.HTML.fileName())) {
            sink.text("The run's own report: ");
            link(folder + "/" + ReportFormat.HTML.fileName(), ReportFormat.HTML.fileName());
            sink.text(". ");
        }
        sink.text("Files:");
        copied.stream().filter(name -> !name.equals(ReportFormat.HTML.fileName())).sorted().forEach(name -> {
            sink.text(" ");
            link(folder + "/" + name, name);
        });
        sink.paragraph_();
    }

    private void cell(String text) {
        sink.tableCell();
        sink.text(text);
        sink.tableCell_();
    }

    private static String threshold(String what, OptionalDouble value) {
        return what + " " + (value.isPresent() ? Thresholds.percent(value.getAsDouble()) : "none");
    }

    private static String percent(OptionalDouble value) {
        return value.isPresent() ? Thresholds.percent(value.getAsDouble()) : "-";
    }
}
