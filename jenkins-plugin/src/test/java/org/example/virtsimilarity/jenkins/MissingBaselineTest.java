package org.example.virtsimilarity.jenkins;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import java.nio.file.Path;

/** An image that finds no signature in the reference build's is named, and fails the build when the job says so. */
public class MissingBaselineTest extends ImageJobCase {
    public void testANewImageIsNamedAndPasses() throws Exception {
        FreeStyleProject project = job("nightly/*.img", "LAST_SUCCESSFUL", null, null, "20");
        Path nightly = folder(project, "nightly");
        night(nightly.resolve("web.img"), "base.img");
        assertBuildStatus(Result.SUCCESS, build(project));
        night(nightly.resolve("db.img"), "other.img");

        FreeStyleBuild second = assertBuildStatus(Result.SUCCESS, build(project));

        assertLogContains("[virt-similarity] no baseline signature for db.img: compared with nothing this time",
                second);
    }

    public void testFailOnMissingBaselineFailsTheBuild() throws Exception {
        SimilarityBuilder step = step("nightly/*.img", "LAST_SUCCESSFUL", null, null, "20");
        step.setFailOnMissingBaseline(true);
        FreeStyleProject project = job(step);
        Path nightly = folder(project, "nightly");
        night(nightly.resolve("web.img"), "base.img");
        // a first build has no earlier build to compare with: it passes, or no build could become the baseline
        assertBuildStatus(Result.SUCCESS, build(project));
        night(nightly.resolve("db.img"), "other.img");

        FreeStyleBuild second = assertBuildStatus(Result.FAILURE, build(project));

        assertLogContains("[virt-similarity] FAILURE: no baseline signature for db.img, and a missing baseline fails"
                + " the run", second);
    }
}
