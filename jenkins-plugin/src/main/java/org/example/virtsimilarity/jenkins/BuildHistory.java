package org.example.virtsimilarity.jenkins;

import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.history.HistoryRun;

/** The job's history as core's {@link History}: one run a build that has a {@link SimilarityBuildAction}. */
final class BuildHistory {
    private BuildHistory() {
    }

    /** The last {@code count} builds with data that started before {@code before} (all builds when null). */
    static History of(AbstractProject<?, ?> project, AbstractBuild<?, ?> before, int count) {
        List<HistoryRun> runs = new ArrayList<>();
        for (AbstractBuild<?, ?> build = before == null ? project.getLastBuild() : before.getPreviousBuild();
             build != null && runs.size() < count; build = build.getPreviousBuild()) {
            SimilarityBuildAction action = build.getAction(SimilarityBuildAction.class);
            if (action != null) {
                runs.add(0, new HistoryRun(build.getNumber(), build.getTimestamp().toInstant(),
                        "#" + build.getNumber(), action.entries()));
            }
        }
        return History.of(runs);
    }
}
