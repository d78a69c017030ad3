package org.example.virtsimilarity.report;

import java.util.List;
import java.util.Locale;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.distance.Measure;

/**
 * The distance matrix as RFC 4180 CSV: a header row of names, then one row an image. By position the cells are
 * upstream's differing blocks; by content, the divergence (1 - weighted Jaccard) from 0 to 1, to six places.
 */
public final class CsvMatrix {
    private CsvMatrix() {
    }

    public static String render(AnalysisResult result) {
        List<String> names = result.names();
        DistanceMatrix matrix = result.distances();
        StringBuilder csv = new StringBuilder("image");
        names.forEach(name -> csv.append(',').append(field(name)));
        csv.append("\r\n");
        for (int i = 0; i < names.size(); i++) {
            csv.append(field(names.get(i)));
            for (int j = 0; j < names.size(); j++) {
                csv.append(',').append(matrix.measure() == Measure.POSITION ? Integer.toString(matrix.blocks(i, j))
                        : String.format(Locale.ROOT, "%.6f", matrix.divergence(i, j)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    static String field(String value) {
        if (value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
