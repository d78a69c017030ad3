package org.example.virtsimilarity.jenkins;

import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.history.HistoryRun;

/**
 * The job's recent builds as core's {@link History}: one run a build that has a {@link SimilarityBuildAction}. Only
 * a fixed number of builds is read, so the job page costs the same for a job with ten thousand builds (or a long run
 * of builds without the step) as for a new one.
 */
final class BuildHistory {
    private BuildHistory() {
    }

    /** The builds with data among the last {@code count} builds before {@code before} (the latest when null). */
    static History of(AbstractProject<?, ?> project, AbstractBuild<?, ?> before, int count) {
        List<HistoryRun> runs = new ArrayList<>();
        AbstractBuild<?, ?> build = before == null ? project.getLastBuild() : before.getPreviousBuild();
        for (int read = 0; build != null && read < count; read++, build = build.getPreviousBuild()) {
            SimilarityBuildAction action = build.getAction(SimilarityBuildAction.class);
            if (action != null) {
                runs.add(0, new HistoryRun(build.getNumber(), build.getTimestamp().toInstant(),
                        "#" + build.getNumber(), action.entries()));
            }
        }
        return History.of(runs);
    }

    /** The latest of the last {@code count} builds that has a report; null when none of them has. */
    static AbstractBuild<?, ?> latestWithReport(AbstractProject<?, ?> project, int count) {
        AbstractBuild<?, ?> build = project.getLastBuild();
        for (int read = 0; build != null && read < count; read++, build = build.getPreviousBuild()) {
            if (build.getAction(SimilarityBuildAction.class) != null) {
                return build;
            }
        }
        return null;
    }
}
