package org.example.virtsimilarity.jenkins;

import hudson.model.FreeStyleProject;
import hudson.model.Result;
import org.example.virtsimilarity.Defaults;

/** The trend chart reads the last {@link Defaults#TREND_RUNS} builds, however many the job has. */
public class TrendWindowTest extends ImageJobCase {
    public void testTheChartReadsOnlyTheLastBuilds() throws Exception {
        FreeStyleProject project = job("images/base.img", "NONE", null, null, null);
        SimilarityBuilder step = project.getBuildersList().get(SimilarityBuilder.class);
        assertBuildStatus(Result.SUCCESS, build(project));
        // then a window's worth of builds without data: bad configuration fails them before the gate
        step.setFailureThreshold("ten");
        for (int i = 0; i < Defaults.TREND_RUNS; i++) {
            assertBuildStatus(Result.FAILURE, build(project));
        }

        SimilarityProjectAction action = new SimilarityProjectAction(project);
        assertNull(action.getLatestBuildWithReport());
        assertTrue(BuildHistory.of(project, null, Defaults.TREND_RUNS).runs().isEmpty());
        // the job page lists the last successful build's artifacts (its trend.png among them), but shows no chart
        assertFalse(new WebClient().getPage(project).getWebResponse().getContentAsString()
                .contains("src=\"virt-similarity/trend\""));

        step.setFailureThreshold(null);
        assertBuildStatus(Result.SUCCESS, build(project));
        assertEquals(Defaults.TREND_RUNS + 2, action.getLatestBuildWithReport().getNumber());
        assertEquals(1, BuildHistory.of(project, null, Defaults.TREND_RUNS).runs().size());
        assertTrue(new WebClient().getPage(project).getWebResponse().getContentAsString()
                .contains("href=\"" + (Defaults.TREND_RUNS + 2) + "/virt-similarity/\""));
    }
}
