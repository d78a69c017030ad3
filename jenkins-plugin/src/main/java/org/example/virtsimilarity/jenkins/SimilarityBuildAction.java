package org.example.virtsimilarity.jenkins;

import hudson.model.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.history.HistoryRun;
import org.example.virtsimilarity.report.ByteSizes;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.ImageVerdict;
import org.example.virtsimilarity.verdict.Thresholds;
import org.example.virtsimilarity.verdict.Verdict;

/**
 * What one build found, kept in the build's record (plain fields, so the server's XStream can store it): the summary
 * on the build page, the explanations of its divergent images, and one point of the job's trend.
 */
public class SimilarityBuildAction implements Action {
    private final List<Row> images;
    private final String cladogram;
    private final Double warn;
    private final Double fail;
    private final String verdict;
    private final List<ExplainedImage> explanations;

    /** One image of the summary. */
    public static class Row {
        private final String name;
        private final long size;
        private final Double divergence;
        private final String verdict;
        private final String baseline;
        private final String measure;

        Row(ImageVerdict image) {
            this.name = image.name();
            this.size = image.size();
            this.divergence = image.divergence().isPresent() ? image.divergence().getAsDouble() : null;
            this.verdict = image.verdict().name();
            this.baseline = image.baseline().orElse(null);
            this.measure = image.measure().id();
        }

        public String getName() {
            return name;
        }

        /** Named so because "size" is a keyword of the page templates' expression language. */
        public String getVirtualSize() {
            return ByteSizes.format(size);
        }

        public String getDivergence() {
            return divergence == null ? "-" : Thresholds.percent(divergence);
        }

        public String getVerdict() {
            return Verdict.valueOf(verdict).label();
        }

        public String getBaseline() {
            return baseline == null ? "-" : baseline;
        }

        HistoryRun.Entry entry() {
            return new HistoryRun.Entry(name, divergence == null ? OptionalDouble.empty()
                    : OptionalDouble.of(divergence), Verdict.valueOf(verdict),
                    // builds recorded before there were two measures were measured by position
                    measure == null ? Measure.POSITION : Measure.fromId(measure));
        }
    }

    SimilarityBuildAction(GateResult gate, String cladogram, List<Explanation> explanations) {
        this.images = new ArrayList<>();
        gate.images().forEach(image -> images.add(new Row(image)));
        this.cladogram = cladogram;
        this.warn = gate.thresholds().warn().isPresent() ? gate.thresholds().warn().getAsDouble() : null;
        this.fail = gate.thresholds().fail().isPresent() ? gate.thresholds().fail().getAsDouble() : null;
        this.verdict = gate.verdict().name();
        this.explanations = new ArrayList<>();
        explanations.forEach(explanation -> this.explanations.add(new ExplainedImage(explanation)));
    }

    public List<Row> getImages() {
        return images;
    }

    public String getCladogram() {
        return cladogram;
    }

    public String getVerdict() {
        return Verdict.valueOf(verdict).label();
    }

    /** None for builds recorded before explanations existed, whose records lack the field. */
    public List<ExplainedImage> getExplanations() {
        return explanations == null ? List.of() : explanations;
    }

    Thresholds thresholds() {
        return Thresholds.of(warn, fail);
    }

    List<HistoryRun.Entry> entries() {
        return images.stream().map(Row::entry).toList();
    }

    @Override
    public String getIconFileName() {
        return "graph.gif";
    }

    @Override
    public String getDisplayName() {
        return "VM image similarity";
    }

    @Override
    public String getUrlName() {
        return "virt-similarity";
    }
}
