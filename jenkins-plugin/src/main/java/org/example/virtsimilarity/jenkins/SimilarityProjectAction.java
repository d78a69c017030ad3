package org.example.virtsimilarity.jenkins;

import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.Item;
import hudson.util.Graph;
import java.io.IOException;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.chart.DivergenceTrend;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.verdict.Thresholds;
import org.jfree.chart.JFreeChart;
import org.kohsuke.stapler.CapturedParameterNames;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.StaplerResponse;

/**
 * The job's trend: each image's divergence from its baseline over the last {@link Defaults#TREND_RUNS} builds, as a
 * PNG on the job page.
 */
public class SimilarityProjectAction implements Action {
    private final AbstractProject<?, ?> project;

    SimilarityProjectAction(AbstractProject<?, ?> project) {
        this.project = project;
    }

    public AbstractProject<?, ?> getProject() {
        return project;
    }

    /** The latest of the chart's builds with a report, for the chart's link; null when none has one. */
    public AbstractBuild<?, ?> getLatestBuildWithReport() {
        return BuildHistory.latestWithReport(project, Defaults.TREND_RUNS);
    }

    /** Serves the trend chart; builds without data are left out, and no build with data gives an empty chart. */
    @CapturedParameterNames({"request", "response"})
    public void doTrend(StaplerRequest request, StaplerResponse response) throws IOException {
        project.checkPermission(Item.READ);
        AbstractBuild<?, ?> latest = getLatestBuildWithReport();
        long timestamp = latest == null ? 0 : latest.getTimeInMillis();
        Thresholds thresholds = latest == null ? Thresholds.NONE
                : latest.getAction(SimilarityBuildAction.class).thresholds();
        History history = BuildHistory.of(project, null, Defaults.TREND_RUNS);
        new Graph(timestamp, 600, 300) {
            @Override
            protected JFreeChart createGraph() {
                return DivergenceTrend.chart(history, thresholds);
            }
        }.doPng(request, response);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "VM image similarity trend";
    }

    @Override
    public String getUrlName() {
        return "virt-similarity";
    }
}
