package org.example.virtsimilarity.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.example.virtsimilarity.Ids;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.io.AtomicFile;

/** The forms a result can be written in, and the file each gets in an output folder. */
public enum ReportFormat {
    TEXT("text", "cladogram.txt"),
    JSON("json", "report.json"),
    NEWICK("newick", "cladogram.nwk"),
    CSV("csv", "distances.csv"),
    /**
     * index.html with a build gate's verdicts, the cladogram, a heatmap and a trend chart (PNG files beside it):
     * written by the gate run, which has the verdicts and the history.
     */
    HTML("html", "index.html");

    /** What a build gate writes unless told otherwise. */
    public static final Set<ReportFormat> GATE_DEFAULTS = EnumSet.of(TEXT, JSON, CSV, HTML);

    private final String id;
    private final String fileName;

    ReportFormat(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    public String id() {
        return id;
    }

    /** The file name a report of this format gets in an output folder. */
    public String fileName() {
        return fileName;
    }

    /** Whether the analysis alone can be written in this format (HTML needs a gate's verdicts). */
    public boolean rendersAnalysis() {
        return this != HTML;
    }

    /** A switch, not a renderer per constant: the command loads only the writer it uses (Jackson's start-up is not free). */
    public String render(AnalysisResult result) {
        return switch (this) {
            case TEXT -> TextCladogram.render(result.tree(), result.names());
            case JSON -> JsonReport.render(result);
            case NEWICK -> NewickTree.render(result.tree(), result.names());
            case CSV -> CsvMatrix.render(result);
            case HTML -> throw new IllegalArgumentException("an HTML report needs a build gate's verdicts");
        };
    }

    /** Writes the report atomically: the file is complete or absent (or keeps its previous content). */
    public void write(AnalysisResult result, Path file) throws IOException {
        AtomicFile.write(file, render(result).getBytes(StandardCharsets.UTF_8));
    }

    public static ReportFormat fromId(String id) {
        return Ids.parse(ReportFormat.class, ReportFormat::id, "format", id);
    }

    /** Formats from a comma-separated list such as {@code text,json,html}. */
    public static Set<ReportFormat> parseList(String list) {
        Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
        for (String id : list.split(",")) {
            if (!id.isBlank()) {
                formats.add(fromId(id));
            }
        }
        return formats;
    }

    public static String ids() {
        return Ids.list(ReportFormat.class, ReportFormat::id);
    }
}
