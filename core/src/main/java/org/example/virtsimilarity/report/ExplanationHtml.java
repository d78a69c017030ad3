package org.example.virtsimilarity.report;

import java.util.List;
import java.util.Locale;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.FileChange;
import org.example.virtsimilarity.explain.Printable;
import org.example.virtsimilarity.explain.VolumeShare;

/**
 * The HTML report's explanations: per image, its partitions and file systems, a table of the top files and the
 * chart of changed bytes per directory. Guest names are made printable, then escaped.
 */
final class ExplanationHtml {
    /** Rows of the files table; the JSON report has the rest. */
    static final int TOP_FILES = 25;

    private ExplanationHtml() {
    }

    static void append(StringBuilder html, List<Explanation> explanations) {
        if (explanations.isEmpty()) {
            return;
        }
        html.append("<h2>Explanations</h2>\n");
        for (int i = 0; i < explanations.size(); i++) {
            explanation(html, explanations.get(i), i);
        }
    }

    private static void explanation(StringBuilder html, Explanation e, int index) {
        html.append("<h3>").append(text(e.image())).append(" against ").append(text(e.baseline())).append(" (")
                .append(e.status().name().toLowerCase(Locale.ROOT)).append(")</h3>\n");
        if (!e.notes().isEmpty()) {
            html.append("<ul>\n");
            e.notes().forEach(note -> html.append("<li>").append(text(note)).append("</li>\n"));
            html.append("</ul>\n");
        }
        if (e.status() == Explanation.Status.SKIPPED) {
            return;
        }
        html.append("<table><tr><th>device</th><th>what</th><th>file system</th><th>size</th><th>mounted on</th>")
                .append("<th>differ by position</th><th>new data</th><th>files</th></tr>\n");
        for (VolumeShare v : e.volumes()) {
            html.append("<tr><td>").append(text(v.device())).append("</td><td>")
                    .append(v.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</td><td>")
                    .append(text(v.fsType())).append(v.label().isEmpty() ? "" : " \"" + text(v.label()) + "\"")
                    .append("</td><td class=\"n\">").append(v.size() < 0 ? "-" : ByteSizes.format(v.size()))
                    .append("</td><td>").append(text(v.mountpoint())).append("</td><td class=\"n\">")
                    .append(bytes(v.positionBytes())).append("</td><td class=\"n\">").append(bytes(v.contentNewBytes()))
                    .append("</td><td>").append(v.filesCompared() ? "compared" : "")
                    .append(v.note().isEmpty() ? "" : " " + text(v.note())).append("</td></tr>\n");
        }
        html.append("</table>\n<p>").append(e.fileCount()).append(" files differ: added ")
                .append(ByteSizes.format(e.bytes(FileChange.Change.ADDED))).append(", removed ")
                .append(ByteSizes.format(e.bytes(FileChange.Change.REMOVED))).append(", changed ")
                .append(ByteSizes.format(e.bytes(FileChange.Change.CHANGED))).append(".</p>\n");
        if (!e.files().isEmpty()) {
            html.append("<table><tr><th>change</th><th>file</th><th>before</th><th>after</th><th>detail</th></tr>\n");
            e.files().stream().limit(TOP_FILES).forEach(f -> html.append("<tr><td>")
                    .append(f.change().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(text(f.path()))
                    .append("</td><td class=\"n\">").append(bytes(f.oldSize())).append("</td><td class=\"n\">")
                    .append(bytes(f.newSize())).append("</td><td>").append(text(f.detail())).append("</td></tr>\n"));
            html.append("</table>\n");
        }
        if (!e.directories().isEmpty()) {
            html.append("<img src=\"").append(HtmlReport.explanationChart(index))
                    .append("\" alt=\"changed bytes per top-level directory\">\n");
        }
    }

    private static String bytes(long value) {
        return value < 0 ? "-" : ByteSizes.format(value);
    }

    private static String text(String guest) {
        return HtmlReport.escape(Printable.of(guest));
    }
}
