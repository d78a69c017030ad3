package org.example.virtsimilarity.jenkins;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;

/** Images whose names change from build to build find their baseline by the job's Baseline name expression. */
public class BaselineNameTest extends ImageJobCase {
    public void testARenamedImageIsComparedWithItsSeries() throws Exception {
        SimilarityBuilder step = step("nightly/*.img", "LAST_SUCCESSFUL", null, null, "20");
        step.setBaselineName("(web)-[0-9]+\\.img");
        FreeStyleProject project = job(step);
        Path nightly = folder(project, "nightly");
        night(nightly.resolve("web-1.img"), "base.img");
        assertBuildStatus(Result.SUCCESS, build(project));

        Files.delete(nightly.resolve("web-1.img"));
        night(nightly.resolve("web-2.img"), "base.img");
        FreeStyleBuild second = assertBuildStatus(Result.SUCCESS, build(project));

        assertTrue(getLog(second), getLog(second).matches(
                "(?s).*web-2\\.img +64\\.0 MiB +0\\.00 % +0 B +0 B +0 B +pass +web-1\\.img.*"));
        assertFalse(getLog(second), getLog(second).contains("no baseline signature"));
    }

    public void testAnExpressionThatDoesNotCompileFailsTheBuildWithOneLine() throws Exception {
        SimilarityBuilder step = step("images/base.img", "LAST_SUCCESSFUL", null, null, null);
        step.setBaselineName("(web");

        FreeStyleBuild build = assertBuildStatus(Result.FAILURE, build(job(step)));

        assertLogContains("ERROR: [virt-similarity] baselineName '(web' is not a regular expression: Unclosed group",
                build);
    }
}
