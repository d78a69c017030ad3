package org.example.virtsimilarity.jenkins;

import hudson.EnvVars;
import hudson.model.Cause;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** The build's variables in image patterns and the reference path. */
public class PathVariablesTest extends ImageJobCase {
    public void testBuildNumberAndWorkspaceExpandInPatternsAndTheReferencePath() throws Exception {
        FreeStyleProject project = job("nightly/disk-${BUILD_NUMBER}.img", "REFERENCE",
                "${WORKSPACE}/images/base.img", "10", "60");
        Path nightly = Files.createDirectories(Path.of(project.getCustomWorkspace()).resolve("nightly"));
        place(nightly.resolve("disk-1.img"), FAMILY.resolve("base.img"));
        place(nightly.resolve("disk-2.img"), FAMILY.resolve("clone-a.img"));

        FreeStyleBuild first = assertBuildStatus(Result.SUCCESS, build(project));
        FreeStyleBuild second = assertBuildStatus(Result.UNSTABLE, build(project));

        assertTrue(new File(first.getArtifactsDir(), "virt-similarity/signatures/disk-1.img.vsig").isFile());
        assertFalse(new File(first.getArtifactsDir(), "virt-similarity/signatures/disk-2.img.vsig").exists());
        assertLogContains("UNSTABLE: disk-2.img diverges ", second);
        assertLogContains("from baseline base.img, above the warning threshold 10.00 %", second);
    }

    public void testAParameterCannotLeadOutOfTheWorkspace() throws Exception {
        FreeStyleProject project = job("${FOLDER}/*.img", "NONE", null, null, null);
        project.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("FOLDER", "images", "")));

        FreeStyleBuild inside = assertBuildStatus(Result.SUCCESS, project.scheduleBuild2(0, new Cause.UserCause(),
                new ParametersAction(new StringParameterValue("FOLDER", "images"))).get());
        FreeStyleBuild outside = assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0, new Cause.UserCause(),
                new ParametersAction(new StringParameterValue("FOLDER", "../../etc"))).get());

        assertTrue(new File(inside.getArtifactsDir(), "virt-similarity/signatures/base.img.vsig").isFile());
        assertLogContains("the image pattern '../../etc/*.img' leaves the workspace", outside);
    }

    public void testAPathInTheWorkspaceBecomesRelativeToIt() {
        PathVariables variables = new PathVariables(new EnvVars("WORKSPACE", "/ws/job", "N", "7"), "/ws/job/");

        assertEquals("out/*-7.qcow2,\n more/*.img\n/ws/jobs/x.img\nimages/a.img",
                variables.expand("${WORKSPACE}/out/*-${N}.qcow2,\n $WORKSPACE/more/*.img\n/ws/jobs/x.img\n"
                        + "/ws/job//images/a.img"));
        assertEquals("${UNKNOWN}/a.img", variables.expand("${UNKNOWN}/a.img"));
        assertNull(variables.expand(null));
        assertEquals("/srv/a.img", new PathVariables(new EnvVars(), null).expand("/srv/a.img"));
    }
}
