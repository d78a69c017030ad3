package org.example.virtsimilarity.report;

import java.util.List;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.distance.DistanceMatrix;

/** The distance matrix (differing blocks) as RFC 4180 CSV: a header row of names, then one row an image. */
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
                csv.append(',').append(matrix.blocks(i, j));
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
