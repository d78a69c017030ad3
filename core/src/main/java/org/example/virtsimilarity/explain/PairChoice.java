package org.example.virtsimilarity.explain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.image.ImageFormat;

/**
 * Which pairs of the command's images to explain, each image and baseline named by the user on the command line:
 * every image against one named image, or each image against its nearest (so each branch of the cladogram is
 * explained once).
 */
public final class PairChoice {
    private PairChoice() {
    }

    /** Every other image against the image named {@code baseline}; empty where no image has that name. */
    public static Optional<List<ExplainRequest>> against(AnalysisResult result, String baseline) {
        List<String> names = result.names();
        int base = names.indexOf(baseline);
        if (base < 0) {
            return Optional.empty();
        }
        List<ExplainRequest> requests = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != base) {
                requests.add(request(result, i, base));
            }
        }
        return Optional.of(requests);
    }

    /**
     * Each image's pair with its nearest other image (the first on the command line among equals), each pair once,
     * the image later on the command line explained against the earlier (as a nightly build against its baseline).
     */
    public static List<ExplainRequest> nearest(AnalysisResult result) {
        DistanceMatrix distances = result.distances();
        int n = distances.size();
        Set<List<Integer>> pairs = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (j != i && (best < 0 || distances.divergence(i, j) < distances.divergence(i, best))) {
                    best = j;
                }
            }
            if (best >= 0) {
                pairs.add(List.of(Math.max(i, best), Math.min(i, best)));
            }
        }
        return pairs.stream().map(pair -> request(result, pair.get(0), pair.get(1))).toList();
    }

    private static ExplainRequest request(AnalysisResult result, int image, int baseline) {
        ImageResult mine = result.images().get(image);
        ImageResult theirs = result.images().get(baseline);
        return new ExplainRequest(mine.path(), stated(mine), mine.signature(), theirs.signature(),
                Optional.of(theirs.path()), stated(theirs));
    }

    static Optional<ImageFormat> stated(ImageResult image) {
        return image.formatStated() ? Optional.of(image.format()) : Optional.empty();
    }
}
