package org.example.virtsimilarity.jenkins;

import com.gargoylesoftware.htmlunit.html.HtmlCheckBoxInput;
import com.gargoylesoftware.htmlunit.html.HtmlForm;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The step's configuration: only the image files are required (the constructor), every other field binds through
 * its setter, and jobs saved by earlier versions of the step still load and build.
 */
public class ConfigurationBindingTest extends ImageJobCase {
    public void testOnlyTheImageFilesAreRequired() throws Exception {
        SimilarityBuilder step = new SimilarityBuilder("images/base.img");

        assertEquals("NONE", step.getBaseline());
        assertNull(step.getReferenceImage());
        assertNull(step.getReferenceBuild());
        assertNull(step.getBaselineName());
        assertFalse(step.isFailOnMissingBaseline());
        assertNull(step.getUnstableThreshold());
        assertNull(step.getFailureThreshold());
        assertEquals("xxh128", step.getHash());
        assertEquals("65536", step.getBlockSize());
        assertEquals("auto", step.getInputFormat());
        assertEquals("content", step.getMeasure());
        assertTrue(step.isExplainDifferences());
        FreeStyleProject project = job(step);
        assertTrue("the form shows the default checked", project.getBuildersList().get(SimilarityBuilder.class)
                .isExplainDifferences());
        FreeStyleBuild build = assertBuildStatus(Result.SUCCESS, build(project));
        assertLogContains("no baseline to compare with, so the gate passes", build);
    }

    public void testTheFormBindsEachOptionalFieldThroughItsSetter() throws Exception {
        // the reference build is a field no constructor has ever had
        SimilarityBuilder before = step("images/*.img", "BUILD", null, "5", "20");
        before.setReferenceBuild("7");
        before.setBlockSize("4096");
        before.setBaselineName("(web)-.*");
        before.setFailOnMissingBaseline(true);
        FreeStyleProject project = createFreeStyleProject();
        project.getBuildersList().add(before);

        submit(new WebClient().getPage(project, "configure").getFormByName("config"));

        SimilarityBuilder after = project.getBuildersList().get(SimilarityBuilder.class);
        assertNotSame(before, after);
        assertEquals("BUILD", after.getBaseline());
        assertEquals("7", after.getReferenceBuild());
        assertEquals("5", after.getUnstableThreshold());
        assertEquals("20", after.getFailureThreshold());
        assertEquals("4096", after.getBlockSize());
        assertEquals("(web)-.*", after.getBaselineName());
        assertTrue(after.isFailOnMissingBaseline());
        assertFalse(after.isExplainDifferences());
        // a field the user clears is unset again, and reads as its default
        HtmlForm form = new WebClient().getPage(project, "configure").getFormByName("config");
        form.getInputByName("_.referenceBuild").setValueAttribute("");
        form.getInputByName("_.blockSize").setValueAttribute("");
        form.getInputByName("_.baselineName").setValueAttribute("");
        ((HtmlCheckBoxInput) form.getInputByName("_.failOnMissingBaseline")).setChecked(false);
        ((HtmlCheckBoxInput) form.getInputByName("_.explainDifferences")).setChecked(true);
        submit(form);
        SimilarityBuilder cleared = project.getBuildersList().get(SimilarityBuilder.class);
        assertNull(cleared.getReferenceBuild());
        assertEquals("65536", cleared.getBlockSize());
        assertNull(cleared.getBaselineName());
        assertFalse(cleared.isFailOnMissingBaseline());
        assertTrue(cleared.isExplainDifferences());
        assertEquals("5", cleared.getUnstableThreshold());
    }

    /** The fields the nine-argument constructor wrote, as that version saved them: they load, build and reload. */
    public void testAJobSavedByTheNineArgumentVersionLoadsAndBuilds() throws Exception {
        Path workspace = workspaceWithFamily();
        FreeStyleProject project = load("nine", workspace, "<images>images/clone-a.img</images>\n"
                + "<baseline>REFERENCE</baseline>\n<referenceImage>images/base.img</referenceImage>\n"
                + "<unstableThreshold>10</unstableThreshold>\n<failureThreshold>60</failureThreshold>\n"
                + "<hash>sha256</hash>\n<blockSize>65536</blockSize>\n<inputFormat>raw</inputFormat>\n"
                + "<measure>content</measure>");

        SimilarityBuilder step = project.getBuildersList().get(SimilarityBuilder.class);
        assertEquals("REFERENCE", step.getBaseline());
        assertEquals("images/base.img", step.getReferenceImage());
        assertNull(step.getReferenceBuild());
        assertEquals("sha256", step.getHash());
        assertEquals("raw", step.getInputFormat());
        assertTrue(step.isExplainDifferences());
        FreeStyleBuild build = assertBuildStatus(Result.UNSTABLE, build(project));
        assertLogContains("UNSTABLE: clone-a.img diverges ", build);

        hudson.reload();
        SimilarityBuilder reloaded = ((FreeStyleProject) hudson.getItem("nine")).getBuildersList()
                .get(SimilarityBuilder.class);
        assertEquals("10", reloaded.getUnstableThreshold());
        assertEquals("60", reloaded.getFailureThreshold());
    }

    /**
     * Saved before Image format, Measure, Baseline name and Fail on missing baseline existed: they read as their
     * defaults, and the form shows them so.
     */
    public void testAJobSavedBeforeInputFormatAndMeasureReadsTheirDefaults() throws Exception {
        FreeStyleProject project = load("seven", workspaceWithFamily(), "<images>images/base.img</images>\n"
                + "<baseline>LAST_SUCCESSFUL</baseline>\n<failureThreshold>20</failureThreshold>\n"
                + "<hash>xxh128</hash>\n<blockSize>65536</blockSize>");

        SimilarityBuilder step = project.getBuildersList().get(SimilarityBuilder.class);
        assertEquals("LAST_SUCCESSFUL", step.getBaseline());
        assertEquals("auto", step.getInputFormat());
        assertEquals("content", step.getMeasure());
        assertNull(step.getBaselineName());
        assertFalse(step.isFailOnMissingBaseline());
        assertTrue(step.isExplainDifferences());
        assertBuildStatus(Result.SUCCESS, build(project));
        FreeStyleBuild second = assertBuildStatus(Result.SUCCESS, build(project));
        assertLogContains("reference build: #1 (the last successful build)", second);
        submit(new WebClient().getPage(project, "configure").getFormByName("config"));
        SimilarityBuilder saved = project.getBuildersList().get(SimilarityBuilder.class);
        assertEquals("LAST_SUCCESSFUL", saved.getBaseline());
        assertEquals("20", saved.getFailureThreshold());
        assertEquals("content", saved.getMeasure());
        assertNull(saved.getBaselineName());
        assertFalse(saved.isFailOnMissingBaseline());
        assertTrue(saved.isExplainDifferences());
    }

    private Path workspaceWithFamily() throws Exception {
        Path workspace = Files.createDirectories(createTmpDir().toPath().resolve("workspace"));
        Path images = Files.createDirectories(workspace.resolve("images"));
        for (String image : new String[] {"base.img", "clone-a.img"}) {
            place(images.resolve(image), FAMILY.resolve(image));
        }
        return workspace;
    }

    /** A job as Hudson reads it from disk: its config.xml, with the step's fields as an earlier version wrote them. */
    private FreeStyleProject load(String name, Path workspace, String stepFields) throws Exception {
        String xml = "<?xml version='1.0' encoding='UTF-8'?>\n<project>\n<keepDependencies>false</keepDependencies>\n"
                + "<properties/>\n<scm class=\"hudson.scm.NullSCM\"/>\n<canRoam>true</canRoam>\n"
                + "<disabled>false</disabled>\n<triggers class=\"vector\"/>\n<concurrentBuild>false</concurrentBuild>\n"
                + "<customWorkspace>" + workspace + "</customWorkspace>\n<builders>\n"
                + "<org.example.virtsimilarity.jenkins.SimilarityBuilder>\n" + stepFields + "\n"
                + "</org.example.virtsimilarity.jenkins.SimilarityBuilder>\n</builders>\n<publishers/>\n"
                + "<buildWrappers/>\n</project>\n";
        return (FreeStyleProject) hudson.createProjectFromXML(name,
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
