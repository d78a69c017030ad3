package org.example.virtsimilarity.jenkins;

import com.gargoylesoftware.htmlunit.FailingHttpStatusCodeException;
import com.gargoylesoftware.htmlunit.Page;
import com.gargoylesoftware.htmlunit.html.HtmlForm;
import com.gargoylesoftware.htmlunit.html.HtmlPage;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Hudson;
import hudson.model.Item;
import hudson.model.Result;
import hudson.security.GlobalMatrixAuthorizationStrategy;
import hudson.slaves.DumbSlave;
import hudson.util.FormValidation;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.signature.SignatureFile;

/**
 * The step on a real embedded Hudson 1.395, building jobs whose workspaces link to the real image family that
 * it-tests/fixtures/make-image-family makes (base, clones with known changes, an unrelated image).
 */
public class SimilarityBuilderTest extends ImageJobCase {
    public void testConfigurationSurvivesTheConfigureForm() throws Exception {
        FreeStyleProject project = createFreeStyleProject();
        SimilarityBuilder before = step("out/*.qcow2\nmore/*.img", "REFERENCE", "ref/base.vsig", "5", "20.5");
        before.setHash("sha256");
        before.setBlockSize("4096");
        before.setInputFormat("qcow2");
        before.setMeasure("position");
        project.getBuildersList().add(before);

        HtmlForm form = new WebClient().getPage(project, "configure").getFormByName("config");
        submit(form);

        SimilarityBuilder after = project.getBuildersList().get(SimilarityBuilder.class);
        assertNotSame(before, after);
        assertEquals(before.getImages(), after.getImages());
        assertEquals("REFERENCE", after.getBaseline());
        assertEquals("ref/base.vsig", after.getReferenceImage());
        assertEquals("5", after.getUnstableThreshold());
        assertEquals("20.5", after.getFailureThreshold());
        assertEquals("sha256", after.getHash());
        assertEquals("qcow2", after.getInputFormat());
        assertEquals("4096", after.getBlockSize());
        assertEquals("position", after.getMeasure());
    }

    public void testAFirstBuildWithoutBaselinePassesAndArchivesReportsAndSignatures() throws Exception {
        FreeStyleProject project = job("images/*.img", "NONE", null, "1", "2");

        FreeStyleBuild build = assertBuildStatus(Result.SUCCESS, project.scheduleBuild2(0).get());

        assertLogContains("no baseline to compare with, so the gate passes", build);
        File reports = new File(build.getArtifactsDir(), "virt-similarity");
        for (String file : new String[] {"cladogram.txt", "report.json", "distances.csv", "index.html", "trend.png",
            "heatmap.png", "signatures/base.img.vsig", "signatures/clone-a.img.vsig", "signatures/other.img.vsig"}) {
            assertTrue("archived " + file, new File(reports, file).isFile());
        }
        assertTrue(Files.readString(new File(reports, "cladogram.txt").toPath()).contains("clone-a1.img"));
        // served as artifacts
        Page cladogram = new WebClient().goTo(build.getUrl() + "artifact/virt-similarity/cladogram.txt",
                "text/plain");
        assertTrue(cladogram.getWebResponse().getContentAsString().contains("other.img"));
    }

    public void testImagesAreReadOnTheAgentWhereTheWorkspaceIs() throws Exception {
        DumbSlave agent = createOnlineSlave();
        FreeStyleProject project = job("images/clone-a*.img", "REFERENCE", "images/base.img", "10", "90");
        project.setAssignedLabel(agent.getSelfLabel());

        FreeStyleBuild build = assertBuildStatus(Result.UNSTABLE, build(project));

        assertEquals(agent.getNodeName(), build.getBuiltOnStr());
        // progress comes from the agent, read or (signed before in this run) from the agent's cache
        assertTrue(build.getLog().matches("(?s).*\\[virt-similarity\\] (reading \\S*clone-a1\\.img \\(raw\\)"
                + "|\\S*clone-a1\\.img: signature from the cache).*"));
        assertLogContains("UNSTABLE: clone-a.img diverges ", build);
        assertTrue(new File(build.getArtifactsDir(), "virt-similarity/signatures/clone-a1.img.vsig").isFile());
    }

    public void testTheThresholdsMakeTheBuildPassUnstableOrFail() throws Exception {
        // clone-a.img has 8 MiB of files that base.img lacks: it diverges from it by about 35 %
        FreeStyleBuild pass = build(job("images/clone-a.img", "REFERENCE", "images/base.img", "50", "60"));
        FreeStyleBuild unstable = build(job("images/clone-a.img", "REFERENCE", "images/base.img", "10", "60"));
        FreeStyleBuild failure = build(job("images/clone-a.img", "REFERENCE", "images/base.img", "10", "20"));

        assertBuildStatus(Result.SUCCESS, pass);
        assertBuildStatus(Result.UNSTABLE, unstable);
        assertLogContains("UNSTABLE: clone-a.img diverges ", unstable);
        assertLogContains("from baseline base.img, above the warning threshold 10.00 %", unstable);
        assertBuildStatus(Result.FAILURE, failure);
        assertLogContains("FAILURE: clone-a.img diverges ", failure);
        assertLogContains("above the failure threshold 20.00 %", failure);
    }

    public void testTheBaselineIsTheLastSuccessfulBuildsArchivedSignatures() throws Exception {
        FreeStyleProject project = job("nightly/disk.img", "LAST_SUCCESSFUL", null, null, "20");
        Path workspace = Path.of(project.getCustomWorkspace());
        Path disk = Files.createDirectories(workspace.resolve("nightly")).resolve("disk.img");

        place(disk, FAMILY.resolve("base.img"));
        assertBuildStatus(Result.SUCCESS, build(project));
        // night 2 rebuilds disk.img from clone-a1, a little off clone-a: within 20 % of nothing yet, the build fails
        // against base (38 %); the previous image is gone, its archived signature is the baseline
        Files.delete(disk);
        place(disk, FAMILY.resolve("clone-a1.img"));
        FreeStyleBuild second = build(project);

        assertBuildStatus(Result.FAILURE, second);
        assertLogContains("disk.img diverges ", second);
        assertLogContains("from baseline disk.img, above the failure threshold 20.00 %", second);
        // a failed build is no baseline: the third compares with the first again
        Files.delete(disk);
        place(disk, FAMILY.resolve("base.qcow2"));
        FreeStyleBuild third = build(project);
        assertBuildStatus(Result.SUCCESS, third);
        assertTrue(third.getLog().matches("(?s).*disk\\.img +64\\.0 MiB +0\\.00 % +0 B +0 B +0 B +pass +disk\\.img.*"));
    }

    public void testTheSummaryEscapesImageNames() throws Exception {
        FreeStyleProject project = job("odd/*", "NONE", null, null, null);
        Path odd = Files.createDirectories(Path.of(project.getCustomWorkspace()).resolve("odd"));
        place(odd.resolve("<img src=x onerror=alert(1)>.img"), FAMILY.resolve("base.img"));

        FreeStyleBuild build = assertBuildStatus(Result.SUCCESS, build(project));

        HtmlPage page = new WebClient().getPage(build);
        String html = page.getWebResponse().getContentAsString();
        String summary = html.substring(html.indexOf("id=\"virt-similarity-summary\""));
        summary = summary.substring(0, summary.indexOf("</pre>"));
        // the pages escape "<" and "&" (Hudson's escape-by-default), so no tag can start in the text
        assertTrue(summary, summary.contains("<td class=\"pane\">&lt;img src=x onerror=alert(1)"));
        assertTrue(summary, summary.contains("<pre id=\"virt-similarity-cladogram\">--- &lt;img src=x onerror"));
        assertFalse(html.contains("<img src=x onerror"));
        String report = new WebClient().getPage(build, "virt-similarity/").getWebResponse().getContentAsString();
        assertTrue(report.contains("&lt;img src=x onerror=alert(1)"));
        assertFalse(report.contains("<img src=x onerror"));
    }

    public void testTheJobPageShowsATrendChartOfTheRecentBuilds() throws Exception {
        FreeStyleProject project = job("images/clone-a*.img", "REFERENCE", "images/base.img", "30", "90");
        WebClient web = new WebClient();
        // before any build with data: no chart on the page, an empty chart from the endpoint
        assertFalse(web.getPage(project).getWebResponse().getContentAsString().contains("virt-similarity/trend"));
        assertPng(web.goTo(project.getUrl() + "virt-similarity/trend", "image/png"));

        for (int i = 0; i < 3; i++) {
            assertBuildStatus(Result.UNSTABLE, build(project));
        }

        String page = web.getPage(project).getWebResponse().getContentAsString();
        assertTrue(page.contains("virt-similarity/trend"));
        assertTrue(page.contains("href=\"3/virt-similarity/\""));
        BufferedImage chart = assertPng(web.goTo(project.getUrl() + "virt-similarity/trend", "image/png"));
        assertEquals(600, chart.getWidth());
    }

    public void testTheChartNeedsTheJobsReadPermission() throws Exception {
        FreeStyleProject project = job("images/base.img", "NONE", null, null, null);
        assertBuildStatus(Result.SUCCESS, build(project));
        hudson.setSecurityRealm(createDummySecurityRealm());
        GlobalMatrixAuthorizationStrategy matrix = new GlobalMatrixAuthorizationStrategy();
        matrix.add(Hudson.READ, "alice");
        matrix.add(Item.READ, "alice");
        matrix.add(Hudson.READ, "bob");
        hudson.setAuthorizationStrategy(matrix);

        assertPng(new WebClient().login("alice").goTo(project.getUrl() + "virt-similarity/trend", "image/png"));
        for (WebClient web : new WebClient[] {new WebClient(), new WebClient().login("bob")}) {
            try {
                web.goTo(project.getUrl() + "virt-similarity/trend", "image/png");
                fail("served the chart without Item.READ");
            } catch (FailingHttpStatusCodeException e) {
                assertTrue(e.getStatusCode() == 403 || e.getStatusCode() == 404);
            }
        }
    }

    public void testBadConfigurationAndMissingImagesFailWithOneLine() throws Exception {
        FreeStyleBuild missing = build(job("images/no-such.qcow2", "NONE", null, null, null));
        FreeStyleBuild noMatch = build(job("images/*.vdi", "NONE", null, null, null));
        FreeStyleBuild escaping = build(job("../../etc/*", "NONE", null, null, null));
        FreeStyleBuild badThreshold = build(job("images/base.img", "NONE", null, "30", "ten"));

        for (FreeStyleBuild build : new FreeStyleBuild[] {missing, noMatch, escaping, badThreshold}) {
            assertBuildStatus(Result.FAILURE, build);
            assertFalse("no stack trace", build.getLog().contains("\tat org.example"));
        }
        assertLogContains("ERROR: [virt-similarity] " + missing.getProject().getCustomWorkspace()
                + "/images/no-such.qcow2: No such file or directory", missing);
        assertLogContains("ERROR: [virt-similarity] image pattern 'images/*.vdi' matches no file under ", noMatch);
        assertLogContains("the image pattern '../../etc/*' leaves the workspace", escaping);
        assertLogContains("the failure threshold must be a number of percent, not 'ten'", badThreshold);
    }

    public void testTheFormChecksThresholdsAndPatterns() {
        SimilarityBuilder.DescriptorImpl descriptor = hudson.getDescriptorByType(SimilarityBuilder.DescriptorImpl.class);

        assertEquals(FormValidation.Kind.OK, descriptor.doCheckFailureThreshold(null, "20", "5").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckFailureThreshold(null, "5", "20").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckUnstableThreshold(null, "150").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckImages(null, "").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckImages(null, "/srv/images/*.qcow2").kind);
        assertEquals(FormValidation.Kind.OK, descriptor.doCheckImages(null, "out/**/*.qcow2").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckBlockSize(null, "1000").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckReferenceImage(null, "", "REFERENCE").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckReferenceImage(null, "../base.vsig", "REFERENCE")
                .kind);
    }

    public void testALinkOutOfTheWorkspaceIsRefused() throws Exception {
        FreeStyleProject project = job("nightly/disk.img", "NONE", null, null, null);
        Path disk = Files.createDirectories(Path.of(project.getCustomWorkspace()).resolve("nightly"))
                .resolve("disk.img");
        Files.createSymbolicLink(disk, FAMILY.toAbsolutePath().resolve("base.img"));

        FreeStyleBuild build = assertBuildStatus(Result.FAILURE, build(project));

        assertLogContains("ERROR: [virt-similarity] " + disk + ": resolves to " + FAMILY.toRealPath()
                .resolve("base.img") + ", outside " + project.getCustomWorkspace(), build);
        assertFalse(new File(build.getArtifactsDir(), "virt-similarity/signatures/disk.img.vsig").exists());
    }

    public void testAnImageCannotMakeTheAgentReadAHostFile() throws Exception {
        FreeStyleProject project = job("nightly/guest.img", "NONE", null, null, null);
        Path secret = createTmpDir().toPath().resolve("secret");
        assertEquals(0, new ProcessBuilder("mkfifo", secret.toString()).start().waitFor());
        Path nightly = Files.createDirectories(Path.of(project.getCustomWorkspace()).resolve("nightly"));
        Path header = nightly.resolve("header.qcow2");
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-u", "-f", "qcow2", "-F", "raw", "-b",
                secret.toString(), header.toString(), "1M").inheritIO().start().waitFor());
        // the guest wrote a qcow2 header naming a host file into the first sector of its raw disk
        byte[] disk = java.util.Arrays.copyOf(Files.readAllBytes(header), 1 << 20);
        Files.delete(header);
        Files.write(nightly.resolve("guest.img"), disk);

        FreeStyleBuild refused = assertBuildStatus(Result.FAILURE, build(project));
        assertLogContains("guest.img: refused backing file '" + secret + "': an absolute path outside every allowed "
                + "backing folder", refused);

        project.getBuildersList().remove(SimilarityBuilder.class);
        SimilarityBuilder asRawStep = step("nightly/guest.img", "NONE", null, null, null);
        asRawStep.setInputFormat("raw");
        project.getBuildersList().add(asRawStep);
        FreeStyleBuild asRaw = assertBuildStatus(Result.SUCCESS, build(project));
        assertLogContains("reading " + nightly.resolve("guest.img") + " (raw)", asRaw);
    }

    public void testAnAdministratorCanAllowImagesOutsideTheWorkspace() throws Exception {
        FreeStyleProject project = job(FAMILY.toAbsolutePath() + "/base.img", "NONE", null, null, null);
        assertBuildStatus(Result.FAILURE, build(project));

        System.setProperty(Settings.ALLOW_OUTSIDE, "true");
        try {
            FreeStyleBuild allowed = assertBuildStatus(Result.SUCCESS, build(project));
            assertTrue(new File(allowed.getArtifactsDir(), "virt-similarity/signatures/base.img.vsig").isFile());
        } finally {
            System.clearProperty(Settings.ALLOW_OUTSIDE);
        }
    }

    public void testARebuiltImagePassesByContentAndFailsByPosition() throws Exception {
        // the factory's next night: base's files rebuilt from scratch with 1 MiB more, so every file moved
        FreeStyleProject content = job("nightly/base.img", "REFERENCE", "images/base.img", null, "10");
        SimilarityBuilder byPositionStep = step("nightly/base.img", "REFERENCE", "images/base.img", null, "10");
        byPositionStep.setMeasure("position");
        FreeStyleProject position = job(byPositionStep);
        for (FreeStyleProject project : List.of(content, position)) {
            Path nightly = Files.createDirectories(Path.of(project.getCustomWorkspace()).resolve("nightly"));
            place(nightly.resolve("base.img"), FAMILY.resolve("rebuilt/base.img"));
        }

        FreeStyleBuild byContent = assertBuildStatus(Result.SUCCESS, build(content));
        FreeStyleBuild byPosition = assertBuildStatus(Result.FAILURE, build(position));

        assertTrue(byContent.getLog().matches("(?s).*base\\.img +64\\.0 MiB +\\d\\.\\d\\d % +1\\.\\d MiB"
                + " +\\d+\\.\\d MiB .*pass +base\\.img.*"));
        assertLogContains("FAILURE: base.img diverges ", byPosition);
        SimilarityBuildAction action = byContent.getAction(SimilarityBuildAction.class);
        assertEquals("content", action.entries().get(0).measure().id());
        assertEquals("position", byPosition.getAction(SimilarityBuildAction.class).entries().get(0).measure().id());
    }

    public void testAReferenceSignatureFileIsTheBaseline() throws Exception {
        FreeStyleProject project = job("images/clone-a.img", "REFERENCE", "ref/base.vsig", null, "20");
        Path ref = Files.createDirectories(Path.of(project.getCustomWorkspace()).resolve("ref"));
        ImageResult base = ImageSigning.sign(AnalysisOptions.builder().input(FAMILY.resolve("base.img"))
                .measure(Measure.CONTENT).cacheEnabled(false).build(), ProgressListener.NONE).get(0);
        SignatureFile.write(base.signature(), ref.resolve("base.vsig"));

        FreeStyleBuild build = assertBuildStatus(Result.FAILURE, build(project));

        assertLogContains("FAILURE: clone-a.img diverges ", build);
        assertLogContains("% from baseline base.img, above the failure threshold 20.00 %", build);
    }
}
