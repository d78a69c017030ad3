package org.example.virtsimilarity.check;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.example.virtsimilarity.report.ReportFormat;

/** The reports a check can write into its output directory; signatures and the history are always written. */
public enum OutputFormat {
    TEXT(ReportFormat.TEXT),
    JSON(ReportFormat.JSON),
    CSV(ReportFormat.CSV),
    NEWICK(ReportFormat.NEWICK),
    /** index.html with the summary, the cladogram, a heatmap and a trend chart (PNG files beside it). */
    HTML(null);

    public static final Set<OutputFormat> DEFAULTS = EnumSet.of(TEXT, JSON, CSV, HTML);

    private final ReportFormat report;

    OutputFormat(ReportFormat report) {
        this.report = report;
    }

    /** The analysis report this format writes, if it is one (HTML is the check's own). */
    public Optional<ReportFormat> report() {
        return Optional.ofNullable(report);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Formats from a comma-separated list such as {@code text,json,html}. */
    public static Set<OutputFormat> parse(String list) {
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (String id : list.split(",")) {
            if (!id.isBlank()) {
                formats.add(fromId(id.trim()));
            }
        }
        return formats;
    }

    public static OutputFormat fromId(String id) {
        return Arrays.stream(values()).filter(format -> format.id().equals(id.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown report format '" + id + "' (choose from "
                        + Arrays.stream(values()).map(OutputFormat::id).collect(Collectors.joining(", ")) + ")"));
    }
}
