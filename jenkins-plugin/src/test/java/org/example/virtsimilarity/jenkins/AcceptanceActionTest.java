package org.example.virtsimilarity.jenkins;

import com.gargoylesoftware.htmlunit.html.HtmlPage;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import java.nio.file.Path;

/**
 * The "accept" action: a person who may configure the job accepts the images of a build the gate failed, and the
 * next build compares with them.
 */
public class AcceptanceActionTest extends ImageJobCase {
    public void testAnAcceptedBuildIsTheNextBuildsBaseline() throws Exception {
        FreeStyleProject project = job("nightly/disk.img", "LAST_SUCCESSFUL", null, null, "20");
        Path disk = folder(project, "nightly").resolve("disk.img");
        night(disk, "base.img");
        assertBuildStatus(Result.SUCCESS, build(project));
        // clone-a has 8 MiB of files base lacks (35 %): it fails, and fails again against #1 until accepted
        night(disk, "clone-a.img");
        FreeStyleBuild second = assertBuildStatus(Result.FAILURE, build(project));
        assertLogContains("[virt-similarity] to accept the divergence of disk.img as intended: \"Accept VM images\" on"
                + " this build's page (" + second.getUrl() + "virt-similarity-accept/)", second);
        FreeStyleBuild third = assertBuildStatus(Result.FAILURE, build(project));
        assertLogContains("[virt-similarity] reference build: #1 (the last successful build)", third);

        readerAndConfigurer();
        String accept = third.getUrl() + "virt-similarity-accept/accept";
        assertStatus(405, () -> new WebClient().login("configurer").goTo(accept));
        assertStatus(403, () -> post(new WebClient().login("reader"), accept));
        HtmlPage reader = new WebClient().login("reader").getPage(third, "virt-similarity-accept/");
        assertTrue(reader.asText(), reader.asText().contains("Not accepted."));
        assertFalse(third.getAction(AcceptanceAction.class).isAccepted());
        // as the configurer's browser sends the page's form: a POST, with the crumb the page's script adds
        HtmlPage page = new WebClient().login("configurer").getPage(third, "virt-similarity-accept/");
        HtmlPage accepted = submit(page.getFormByName("accept"));
        assertTrue(accepted.asText(), accepted.asText().contains("Accepted by configurer at "));
        String when = third.getAction(AcceptanceAction.class).getAcceptedAt();
        String buildPage = new WebClient().login("reader").getPage(third).asText();
        assertTrue(buildPage, buildPage.contains("VM images accepted by configurer at " + when));

        // kept with the build: it survives a reload of the server's records
        hudson.reload();
        project = (FreeStyleProject) hudson.getItem(project.getName());
        AcceptanceAction acceptance = project.getBuildByNumber(3).getAction(AcceptanceAction.class);
        assertEquals("configurer", acceptance.getAcceptedBy());
        assertEquals(when, acceptance.getAcceptedAt());
        FreeStyleBuild fourth = assertBuildStatus(Result.SUCCESS, build(project));
        assertLogContains("[virt-similarity] reference build: accepted build #3 (configurer accepted its images at "
                + acceptance.getAcceptedAt() + ")", fourth);
        assertTrue(getLog(fourth).matches("(?s).*disk\\.img +64\\.0 MiB +0\\.00 % .* pass +disk\\.img.*"));
    }
}
