package org.example.virtsimilarity.jenkins;

import com.gargoylesoftware.htmlunit.html.HtmlElement;
import com.gargoylesoftware.htmlunit.html.HtmlPage;
import hudson.model.FreeStyleProject;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration form's checks: found by their fields' names, run as a POST under the job, and only for users who
 * may configure it.
 */
public class FormChecksTest extends ImageJobCase {
    private static final String CHECKS = "descriptorByName/org.example.virtsimilarity.jenkins.SimilarityBuilder/";

    /** The answers are HTML, with the value escaped. */
    public void testACheckAnswersOnlyAPost() throws Exception {
        FreeStyleProject project = createFreeStyleProject();

        assertStatus(405, () -> new WebClient().goTo(project.getUrl() + CHECKS + "checkImages?value=%2Fsrv%2F*.img",
                "text/html"));
        String answer = post(new WebClient(), project.getUrl() + CHECKS + "checkImages", "value", "/srv/*.img");
        assertTrue(answer, answer.contains("the image pattern &#039;/srv/*.img&#039; is absolute"));
    }

    public void testACheckNeedsTheJobsConfigurePermission() throws Exception {
        FreeStyleProject project = createFreeStyleProject();
        readerAndConfigurer();
        String check = project.getUrl() + CHECKS + "checkReferenceImage";

        assertStatus(403, () -> post(new WebClient().login("reader"), check, "value", "../x.vsig"));
        String answer = post(new WebClient().login("configurer"), check, "value", "../x.vsig", "baseline",
                "REFERENCE");
        assertTrue(answer, answer.contains("the reference image &#039;../x.vsig&#039; leaves the workspace"));
        // outside a job, only an administrator may ask
        assertStatus(403, () -> post(new WebClient().login("configurer"), CHECKS + "checkReferenceImage", "value",
                "x"));
    }

    public void testTheConfigurePageRunsEachCheckAsAPostUnderTheJob() throws Exception {
        FreeStyleProject project = job("images/*.img", "NONE", null, null, null);

        HtmlPage page = new WebClient().getPage(project, "configure");

        Set<String> checked = new TreeSet<>();
        for (Object node : page.getByXPath("//*[contains(@class, 'validated')]")) {
            HtmlElement control = (HtmlElement) node;
            String url = control.getAttribute("checkUrl");
            if (url.contains("SimilarityBuilder")) {
                assertEquals(url, "post", control.getAttribute("checkMethod"));
                // under the job, so the check knows whose permission to ask for
                assertTrue(url, url.startsWith("'/" + project.getUrl() + "'+'" + CHECKS + "check"));
                checked.add(control.getAttribute("name"));
            }
        }
        assertEquals(Set.of("_.images", "_.referenceImage", "_.referenceBuild", "_.baselineName",
                "_.unstableThreshold", "_.failureThreshold", "_.blockSize"), checked);
    }

    /** The page's own checks run as it loads: the reference image's check must be wired to its field. */
    public void testTheReferenceImageIsCheckedOnTheConfigurePage() throws Exception {
        FreeStyleProject project = job("images/*.img", "REFERENCE", "../outside.vsig", null, null);
        project.getBuildersList().get(SimilarityBuilder.class).setReferenceBuild("12");

        WebClient web = new WebClient();
        HtmlPage page = web.getPage(project, "configure");
        web.waitForBackgroundJavaScript(10_000);

        String text = page.asText();
        assertTrue(text, text.contains("the reference image '../outside.vsig' leaves the workspace"));
        // the reference build is checked too, and only matters for the numbered build's baseline
        assertFalse(text, text.contains("this job has no build #12"));
        assertFalse(text, text.contains("ERROR"));
    }

    public void testTheReferenceBuildMustBeANumberTheJobHas() throws Exception {
        FreeStyleProject project = createFreeStyleProject();
        project.scheduleBuild2(0).get();
        String check = project.getUrl() + CHECKS + "checkReferenceBuild";

        assertTrue(post(new WebClient(), check, "value", "x", "baseline", "BUILD").contains(
                "the reference build must be a build number of this job, such as 42, not &#039;x&#039;"));
        assertTrue(post(new WebClient(), check, "value", "12", "baseline", "BUILD").contains(
                "this job has no build #12"));
        assertFalse(post(new WebClient(), check, "value", "1", "baseline", "BUILD").contains("error"));
        assertFalse(post(new WebClient(), check, "value", "", "baseline", "LAST_STABLE").contains("error"));
    }

    /** The baseline name is core's expression: it must compile and have a group; blank is by file name. */
    public void testTheBaselineNameMustBeAnExpressionWithAGroup() throws Exception {
        FreeStyleProject project = createFreeStyleProject();
        String check = project.getUrl() + CHECKS + "checkBaselineName";

        assertTrue(post(new WebClient(), check, "value", "(web").contains(
                "baselineName &#039;(web&#039; is not a regular expression: Unclosed group"));
        assertTrue(post(new WebClient(), check, "value", "web-.*").contains("has no group"));
        assertFalse(post(new WebClient(), check, "value", "(web)-.*\\.img").contains("error"));
        assertFalse(post(new WebClient(), check, "value", "").contains("error"));
    }
}
