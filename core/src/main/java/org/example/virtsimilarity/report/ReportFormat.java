package org.example.virtsimilarity.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.io.AtomicFile;

/** The forms a result can be written in. */
public enum ReportFormat {
    TEXT("text", "cladogram.txt"),
    JSON("json", "report.json"),
    NEWICK("newick", "cladogram.nwk"),
    CSV("csv", "distances.csv");

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

    /** A switch, not a renderer per constant: the command loads only the writer it uses (Jackson's start-up is not free). */
    public String render(AnalysisResult result) {
        return switch (this) {
            case TEXT -> TextCladogram.render(result.tree(), result.names());
            case JSON -> JsonReport.render(result);
            case NEWICK -> NewickTree.render(result.tree(), result.names());
            case CSV -> CsvMatrix.render(result);
        };
    }

    /** Writes the report atomically: the file is complete or absent (or keeps its previous content). */
    public void write(AnalysisResult result, Path file) throws IOException {
        AtomicFile.write(file, render(result).getBytes(StandardCharsets.UTF_8));
    }

    public static ReportFormat fromId(String id) {
        for (ReportFormat format : values()) {
            if (format.id.equals(id.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "' (choose one of " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
    }
}
