package org.example.virtsimilarity.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.io.AtomicFile;

/** The forms a result can be written in. */
public enum ReportFormat {
    TEXT("text", "cladogram.txt", r -> TextCladogram.render(r.tree(), r.names())),
    JSON("json", "report.json", JsonReport::render),
    NEWICK("newick", "cladogram.nwk", r -> NewickTree.render(r.tree(), r.names())),
    CSV("csv", "distances.csv", CsvMatrix::render);

    private final String id;
    private final String fileName;
    private final Function<AnalysisResult, String> renderer;

    ReportFormat(String id, String fileName, Function<AnalysisResult, String> renderer) {
        this.id = id;
        this.fileName = fileName;
        this.renderer = renderer;
    }

    public String id() {
        return id;
    }

    /** The file name a report of this format gets in an output folder. */
    public String fileName() {
        return fileName;
    }

    public String render(AnalysisResult result) {
        return renderer.apply(result);
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
