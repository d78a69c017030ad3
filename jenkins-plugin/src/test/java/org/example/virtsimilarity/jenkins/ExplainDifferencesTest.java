package org.example.virtsimilarity.jenkins;

import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.StreamTaskListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.explain.ExplainRequest;
import org.example.virtsimilarity.explain.Explanation;

/**
 * "Explain differences" on a real embedded Hudson 1.395 and a real libguestfs appliance: two ext4 images that
 * {@code mke2fs -d} builds from trees in the workspace, as an image factory builds each night's, so the test knows
 * which files changed.
 */
public class ExplainDifferencesTest extends ImageJobCase {
    /** A guest's file name that would forge a console line and, unescaped, run a script on the build page. */
    private static final String HOSTILE = "evil\n<script>alert(1)&.txt";

    /** On an agent, so the requests and the explanation cross the channel as they do in production. */
    public void testTheBuildPageAndConsoleNameTheFilesBehindADivergence() throws Exception {
        DumbSlave agent = createOnlineSlave();
        SimilarityBuilder step = step("guest/nightly.img", "REFERENCE", "guest/base.img", "1", null);
        step.setExplainDifferences(true);
        FreeStyleProject project = job(step);
        project.setAssignedLabel(agent.getSelfLabel());
        images(folder(project, "guest"));

        FreeStyleBuild build = assertBuildStatus(Result.UNSTABLE, build(project));

        assertEquals(agent.getNodeName(), build.getBuiltOnStr());
        List<ExplainedImage> explanations = build.getAction(SimilarityBuildAction.class).getExplanations();
        assertEquals(1, explanations.size());
        ExplainedImage explanation = explanations.get(0);
        assertTrue(explanation.getHeadline(), explanation.getHeadline().startsWith("nightly.img against base.img: 3 "
                + "files differ (added 2.0 MiB, "));
        Map<String, ExplainedImage.ChangedFile> files = explanation.getFiles().stream()
                .collect(Collectors.toMap(ExplainedImage.ChangedFile::getPath, Function.identity()));
        String hostile = "/opt/evil\\n<script>alert(1)&.txt";
        assertEquals(files.keySet().toString(), Map.of("/opt/pkg/data.bin", "added", "/etc/app.conf", "changed",
                hostile, "added"), files.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().getChange())));
        assertEquals("2.0 MiB", files.get("/opt/pkg/data.bin").getSizes());
        assertEquals("14 B -> 36 B", files.get("/etc/app.conf").getSizes());

        String page = new WebClient().getPage(build, "virt-similarity/").getWebResponse().getContentAsString();
        assertTrue(page, page.contains("<code>/opt/pkg/data.bin</code>"));
        assertTrue(page, page.contains("<code>/etc/app.conf</code>"));
        // escape-by-default: "<" and "&" of the guest's name are text
        assertTrue(page, page.contains("<code>/opt/evil\\n&lt;script"));
        assertTrue(page, page.contains("alert(1)&amp;.txt</code>"));
        String summary = new WebClient().getPage(build).getWebResponse().getContentAsString();
        assertTrue(summary, summary.contains(explanation.getHeadline()));
        for (String html : new String[] {page, summary}) {
            assertFalse(html, html.contains("<script>alert"));
        }

        assertLogContains("[virt-similarity] explaining nightly.img against base.img (libguestfs)", build);
        assertLogContains("[virt-similarity] " + explanation.getHeadline(), build);
        assertLogContains("[virt-similarity]   added     /opt/pkg/data.bin  2.0 MiB", build);
        // the name's newline is "\n" in the log, so it cannot start a line of its own
        assertLogContains("[virt-similarity]   added     " + hostile + "  1 B", build);
        assertFalse(build.getLog().contains("\n<script>"));

        // the build's record keeps plain text, no class of core's, and reads back
        assertFalse(Files.readString(build.getRootDir().toPath().resolve("build.xml"))
                .contains("org.example.virtsimilarity.explain"));
        hudson.reload();
        FreeStyleBuild reloaded = ((FreeStyleProject) hudson.getItem(project.getName()))
                .getBuildByNumber(build.getNumber());
        ExplainedImage read = reloaded.getAction(SimilarityBuildAction.class).getExplanations().get(0);
        assertEquals(explanation.getHeadline(), read.getHeadline());
        assertEquals(hostile, read.getFiles().get(2).getPath());
    }

    public void testWithExplainDifferencesOffNoExplanationRuns() throws Exception {
        SimilarityBuilder step = step("guest/nightly.img", "REFERENCE", "guest/base.img", "1", null);
        step.setExplainDifferences(false);
        FreeStyleProject project = job(step);
        images(folder(project, "guest"));

        FreeStyleBuild build = assertBuildStatus(Result.UNSTABLE, build(project));

        assertTrue(build.getAction(SimilarityBuildAction.class).getExplanations().isEmpty());
        assertFalse(build.getLog().contains("explaining"));
        assertFalse(build.getLog().contains("against base.img"));
        assertFalse(new WebClient().getPage(build, "virt-similarity/").getWebResponse().getContentAsString()
                .contains("What changed"));
    }

    /** Whatever the call where the workspace is throws, the build goes on without explanations, and says so. */
    public void testAnExplanationThatFailsIsOneLineAndNoExplanations() throws Exception {
        AnalysisOptions options = AnalysisOptions.builder().inputs(List.of(FAMILY.resolve("clone-a.img"),
                FAMILY.resolve("base.img"))).measure(Measure.CONTENT).cacheEnabled(false).build();
        List<ImageResult> signed = ImageSigning.sign(options, ProgressListener.NONE);
        ExplainRequest request = new ExplainRequest(signed.get(0).path(), Optional.empty(), signed.get(0).signature(),
                signed.get(1).signature(), Optional.of(signed.get(1).path()), Optional.empty());
        // an agent that hashes otherwise refuses the signatures it is sent
        AgentSettings sha256 = new AgentSettings("sha256", 65536, "auto", Measure.CONTENT,
                new Settings.Confinement(true, List.of()));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        List<Explanation> explanations = new AgentExplainer(new FilePath(FAMILY.toFile()), sha256,
                new StreamTaskListener(console)).explain(List.of(request));

        assertTrue(explanations.isEmpty());
        String log = console.toString(StandardCharsets.UTF_8);
        assertTrue(log, log.startsWith("[virt-similarity] explanations skipped: "));
        assertEquals(log, 1, log.lines().count());
    }

    /**
     * base.img from a small system tree; nightly.img from the same tree with a package added under /opt, a config
     * file edited under /etc and the hostile file: three files differ, 2 MiB of data is new.
     */
    private static void images(Path guest) throws Exception {
        Path base = guest.resolve("base-tree");
        write(base.resolve("etc/app.conf"), "listen = 8080\n".getBytes(StandardCharsets.UTF_8));
        write(base.resolve("usr/bin/tool"), random(1, 1 << 20));
        write(base.resolve("var/log/boot.log"), random(2, 100_000));
        Path nightly = guest.resolve("nightly-tree");
        run("cp", "-a", base.toString(), nightly.toString());
        write(nightly.resolve("opt/pkg/data.bin"), random(3, 2 << 20));
        write(nightly.resolve("etc/app.conf"), "listen = 9090\nworkers = 16\ntls = on\n"
                .getBytes(StandardCharsets.UTF_8));
        write(nightly.resolve("opt").resolve(HOSTILE), new byte[] {'x'});
        run("mke2fs", "-q", "-F", "-t", "ext4", "-d", base.toString(), guest.resolve("base.img").toString(), "32M");
        run("mke2fs", "-q", "-F", "-t", "ext4", "-d", nightly.toString(), guest.resolve("nightly.img").toString(),
                "32M");
    }

    private static void write(Path file, byte[] content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static void run(String... command) throws Exception {
        assertEquals(String.join(" ", command), 0, new ProcessBuilder(command).inheritIO().start().waitFor());
    }
}
