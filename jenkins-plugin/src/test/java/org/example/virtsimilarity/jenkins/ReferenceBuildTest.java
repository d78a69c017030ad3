package org.example.virtsimilarity.jenkins;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which earlier build's archived signatures are the baseline: the last successful, the last stable, or a numbered
 * one.
 */
public class ReferenceBuildTest extends ImageJobCase {
    public void testTheBaselineIsTheBuildTheJobChooses() throws Exception {
        FreeStyleProject project = job("nightly/disk.img", "LAST_SUCCESSFUL", null, "20", null);
        SimilarityBuilder step = project.getBuildersList().get(SimilarityBuilder.class);
        Path disk = Files.createDirectories(Path.of(project.getCustomWorkspace()).resolve("nightly"))
                .resolve("disk.img");
        night(disk, "base.img");
        assertBuildStatus(Result.SUCCESS, build(project));
        // clone-a has 8 MiB of files base lacks (35 %): #2 is unstable, so successful but not stable
        night(disk, "clone-a.img");
        FreeStyleBuild second = assertBuildStatus(Result.UNSTABLE, build(project));
        assertLogContains("reference build: #1 (the last successful build)", second);

        // clone-a1 is clone-a with 1 MiB more: far from #1's base, close to #2's clone-a
        night(disk, "clone-a1.img");
        step.setBaseline("LAST_STABLE");
        FreeStyleBuild stable = assertBuildStatus(Result.UNSTABLE, build(project));
        assertLogContains("reference build: #1 (the last stable build)", stable);

        step.setBaseline("BUILD");
        step.setReferenceBuild("2");
        assertLogContains("reference build: #2 (the build the job names)", build(project));

        // an unstable build is a successful one, as Jenkins counts them
        step.setBaseline("LAST_SUCCESSFUL");
        step.setReferenceBuild(null);
        project.getBuildByNumber(4).delete();
        assertLogContains("reference build: #3 (the last successful build)", build(project));
    }

    public void testANumberedBuildThatIsGoneFailsTheBuildWithOneLine() throws Exception {
        SimilarityBuilder numbered = step("images/base.img", "BUILD", null, null, null);
        numbered.setReferenceBuild("1");
        FreeStyleProject project = job(numbered);

        FreeStyleBuild first = assertBuildStatus(Result.FAILURE, build(project));
        assertLogContains("ERROR: [virt-similarity] the reference build #1 is not an earlier build of this job (this "
                + "is #1)", first);
        assertLogContains("ERROR: [virt-similarity] the reference build #1 archived no image signatures",
                build(project));
        first.delete();
        assertLogContains("ERROR: [virt-similarity] the reference build #1 does not exist", build(project));
    }
}
