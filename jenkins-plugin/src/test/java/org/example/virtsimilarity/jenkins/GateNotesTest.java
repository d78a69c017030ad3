package org.example.virtsimilarity.jenkins;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;

/** The lines core's gate has for the console besides its verdicts reach the console. */
public class GateNotesTest extends ImageJobCase {
    /** The help's promise: a changed block size starts a new baseline, says so, and the build passes. */
    public void testAChangedBlockSizeStartsANewBaselineAndSaysSo() throws Exception {
        FreeStyleProject project = job("images/base.img", "LAST_SUCCESSFUL", null, null, "20");
        assertBuildStatus(Result.SUCCESS, build(project));
        project.getBuildersList().get(SimilarityBuilder.class).setBlockSize("4096");

        FreeStyleBuild changed = assertBuildStatus(Result.SUCCESS, build(project));

        assertLogContains("[virt-similarity] reference build: #1 (the last successful build)", changed);
        assertLogContains("[virt-similarity] starts a new baseline for base.img: its baseline base.img was hashed with"
                + " xxh128 in 65536-byte blocks and this run hashes with xxh128 in 4096-byte blocks", changed);
        // the build after compares as usual
        FreeStyleBuild next = assertBuildStatus(Result.SUCCESS, build(project));
        assertLogContains("[virt-similarity] reference build: #2 (the last successful build)", next);
        assertFalse(getLog(next).contains("starts a new baseline"));
    }
}
