package org.example.virtsimilarity.jenkins;

import com.gargoylesoftware.htmlunit.FailingHttpStatusCodeException;
import com.gargoylesoftware.htmlunit.HttpMethod;
import com.gargoylesoftware.htmlunit.Page;
import com.gargoylesoftware.htmlunit.WebRequestSettings;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Hudson;
import hudson.model.Item;
import hudson.security.GlobalMatrixAuthorizationStrategy;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.httpclient.NameValuePair;
import org.jvnet.hudson.test.HudsonTestCase;

/**
 * What the step's tests share: jobs on a real embedded Hudson 1.395 whose workspaces hold the real image family that
 * it-tests/fixtures/make-image-family makes (base, clones with known changes, an unrelated image) as images/.
 */
abstract class ImageJobCase extends HudsonTestCase {
    static final Path FAMILY = Path.of(System.getProperty("virtsimilarity.images", "target/image-family"));

    /**
     * The step as a script or Job DSL would make it: the required field, then setters for the rest. It explains
     * nothing: an explanation starts a libguestfs appliance (20-40 s under TCG), so only the tests of explanations
     * turn it on.
     */
    static SimilarityBuilder step(String images, String baseline, String reference, String unstable,
                                  String failure) {
        SimilarityBuilder step = new SimilarityBuilder(images);
        step.setBaseline(baseline);
        step.setReferenceImage(reference);
        step.setUnstableThreshold(unstable);
        step.setFailureThreshold(failure);
        step.setExplainDifferences(false);
        return step;
    }

    /** A job whose workspace has the image family as images/, saved through its configuration page as a user would. */
    FreeStyleProject job(String images, String baseline, String reference, String unstable, String failure)
            throws Exception {
        return job(step(images, baseline, reference, unstable, failure));
    }

    FreeStyleProject job(SimilarityBuilder step) throws Exception {
        FreeStyleProject project = createFreeStyleProject();
        Path workspace = Files.createDirectories(createTmpDir().toPath().resolve("workspace"));
        Path copies = Files.createDirectories(workspace.resolve("images"));
        try (Stream<Path> family = Files.list(FAMILY)) {
            for (Path image : family.filter(Files::isRegularFile).toList()) {
                place(copies.resolve(image.getFileName()), image);
            }
        }
        project.setCustomWorkspace(workspace.toString());
        project.getBuildersList().add(step);
        submit(new WebClient().getPage(project, "configure").getFormByName("config"));
        assertEquals(workspace.toString(), project.getCustomWorkspace());
        return project;
    }

    /**
     * Puts an image of the family into a workspace as a file of its own (a hard link where it can, else a copy): a
     * symbolic link out of the workspace is refused.
     */
    static void place(Path at, Path image) throws Exception {
        try {
            Files.createLink(at, image);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            Files.copy(image, at);
        }
    }

    /** A nightly image: {@code at} becomes the family's {@code image}, whatever it was the night before. */
    static void night(Path at, String image) throws Exception {
        Files.deleteIfExists(at);
        place(at, FAMILY.resolve(image));
    }

    /** A folder of the job's workspace, made if needed. */
    static Path folder(FreeStyleProject project, String name) throws Exception {
        return Files.createDirectories(Path.of(project.getCustomWorkspace()).resolve(name));
    }

    static FreeStyleBuild build(FreeStyleProject project) throws Exception {
        return project.scheduleBuild2(0).get();
    }

    static BufferedImage assertPng(Page page) throws Exception {
        assertEquals("image/png", page.getWebResponse().getContentType());
        BufferedImage image = ImageIO.read(page.getWebResponse().getContentAsStream());
        assertNotNull(image);
        return image;
    }

    /**
     * Turns security on: users log in with their name as password; "reader" may read the jobs, "configurer" may also
     * configure them.
     */
    void readerAndConfigurer() {
        hudson.setSecurityRealm(createDummySecurityRealm());
        GlobalMatrixAuthorizationStrategy matrix = new GlobalMatrixAuthorizationStrategy();
        for (String user : new String[] {"reader", "configurer"}) {
            matrix.add(Hudson.READ, user);
            matrix.add(Item.READ, user);
        }
        matrix.add(Item.CONFIGURE, "configurer");
        hudson.setAuthorizationStrategy(matrix);
    }

    /**
     * The answer (HTML) to a POST of the given names and values, with the crumb the server gives this client's user
     * (the test server issues crumbs, as a careful administrator's does), read from a page as a browser has it.
     */
    String post(WebClient web, String path, String... namesAndValues) throws Exception {
        Matcher crumb = Pattern.compile("crumb\\.init\\(\"([^\"]*)\", \"([^\"]*)\"\\)").matcher(web.goTo("")
                .getWebResponse().getContentAsString());
        assertTrue("the page has a crumb", crumb.find());
        WebRequestSettings request = new WebRequestSettings(new URL(getURL(), path), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        parameters.add(new NameValuePair(crumb.group(1), crumb.group(2)));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.add(new NameValuePair(namesAndValues[i], namesAndValues[i + 1]));
        }
        request.setRequestParameters(parameters);
        return web.getPage(request).getWebResponse().getContentAsString();
    }

    interface Request {
        Object send() throws Exception;
    }

    static void assertStatus(int status, Request request) throws Exception {
        try {
            request.send();
            fail("answered a request that should get " + status);
        } catch (FailingHttpStatusCodeException e) {
            assertEquals(status, e.getStatusCode());
        }
    }
}
