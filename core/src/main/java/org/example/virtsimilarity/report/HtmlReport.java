package org.example.virtsimilarity.report;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.ImageVerdict;
import org.example.virtsimilarity.verdict.Thresholds;

/** A build gate's page: verdict, summary table, charts, cladogram and links. Every value from input is escaped. */
public final class HtmlReport {
    /** The charts the page shows, PNG files beside it. */
    public static final String HEATMAP_FILE = "heatmap.png";
    public static final String TREND_FILE = "trend.png";

    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
            th,td{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}
            .FAIL{color:#b00;font-weight:bold}.WARN{color:#a60}.PASS{color:#070}.NO_BASELINE{color:#666}
            pre{background:#f6f6f6;padding:1em;overflow:auto}img{max-width:100%}""";

    private HtmlReport() {
    }

    /** The chart of the {@code index}-th explanation, a PNG file beside the page. */
    public static String explanationChart(int index) {
        return "explanation-" + (index + 1) + ".png";
    }

    /** The page, with the explanations, linking the other reports of {@code formats}. */
    public static String render(AnalysisResult analysis, Baseline baseline, GateResult gate,
                                List<Explanation> explanations, Instant time, Set<ReportFormat> formats) {
        boolean content = gate.measure() == Measure.CONTENT;
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>virt-similarity report</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>virt-similarity report</h1>\n<p>")
                .append(analysis.images().size()).append(" images, ").append(analysis.blockSize() / 1024)
                .append(" KiB blocks, ").append(escape(analysis.algorithm().id())).append(", measure ")
                .append(gate.measure().id()).append("; run ")
                .append(escape(time.toString())).append("</p>\n<p>Verdict: <span class=\"")
                .append(gate.verdict().name()).append("\">").append(escape(gate.verdict().label()))
                .append("</span>; baseline: ").append(escape(baseline.description())).append("; thresholds: ")
                .append(threshold("warning", gate.thresholds().warn().isPresent(), gate.thresholds().warn().orElse(0)))
                .append(", ")
                .append(threshold("failure", gate.thresholds().fail().isPresent(), gate.thresholds().fail().orElse(0)))
                .append("</p>\n<h2>Images</h2>\n<table><tr><th>image</th><th>size</th><th>divergence</th>")
                .append(content ? "<th>new data</th><th>moved</th><th>removed</th>" : "")
                .append("<th>verdict</th><th>baseline</th></tr>\n");
        for (ImageVerdict image : gate.images()) {
            html.append("<tr><td>").append(escape(image.name())).append("</td><td class=\"n\">")
                    .append(ByteSizes.format(image.size())).append("</td><td class=\"n\">")
                    .append(image.divergence().isPresent() ? escape(Thresholds.percent(image.divergence()
                            .getAsDouble())) : "-");
            if (content) {
                html.append("</td><td class=\"n\">").append(image.content().map(c -> ByteSizes.format(c.newBytes()))
                                .orElse("-"))
                        .append("</td><td class=\"n\">").append(image.content()
                                .map(c -> ByteSizes.format(c.movedBytes())).orElse("-"))
                        .append("</td><td class=\"n\">").append(image.content()
                                .map(c -> ByteSizes.format(c.removedBytes())).orElse("-"));
            }
            html.append("</td><td class=\"").append(image.verdict().name()).append("\">")
                    .append(escape(gate.label(image))).append("</td><td>")
                    .append(escape(image.baseline().orElse("-"))).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (!gate.notes().isEmpty()) {
            html.append("<ul>\n");
            gate.notes().forEach(note -> html.append("<li>").append(escape(note)).append("</li>\n"));
            html.append("</ul>\n");
        }
        ExplanationHtml.append(html, explanations);
        html.append("<h2>Trend</h2>\n<img src=\"").append(TREND_FILE)
                .append("\" alt=\"divergence from baseline across runs\">\n<h2>Distances</h2>\n<img src=\"")
                .append(HEATMAP_FILE).append("\" alt=\"divergence between every pair of images\">\n")
                .append("<h2>Cladogram</h2>\n<pre>")
                .append(escape(TextCladogram.render(analysis.tree(), analysis.names()))).append("</pre>\n<p>Files: ");
        for (ReportFormat format : ReportFormat.values()) {
            if (format.rendersAnalysis() && formats.contains(format)) {
                html.append("<a href=\"").append(format.fileName()).append("\">").append(format.fileName())
                        .append("</a> · ");
            }
        }
        return html.append("<a href=\"signatures/\">signatures/</a> (the baseline set) · <a href=\"run-signatures/\">"
                + "run-signatures/</a> (this run's)</p>\n</body></html>\n").toString();
    }

    private static String threshold(String what, boolean present, double value) {
        return what + " " + (present ? escape(Thresholds.percent(value)) : "none");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
