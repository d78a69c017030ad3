package org.example.virtsimilarity.jenkins;

import hudson.model.AbstractBuild;
import hudson.model.Action;
import hudson.model.Hudson;
import hudson.model.Item;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.StaplerResponse;

/**
 * The "accept" action of a build whose gate failed, the Jenkins side of the Maven goal's
 * {@code -Dvirt-similarity.accept}: a person who may configure the job records that the build's images are as
 * intended. The build stays failed, but from then on {@link ReferenceBuild} takes it for the last successful or last
 * stable build when it is newer, with its run signatures as the baseline, so the next build of the same images
 * passes. Who accepted and when are plain fields, saved with the build's record.
 */
public class AcceptanceAction implements Action {
    /** Where the action's page is, under the build's. */
    static final String URL_NAME = "virt-similarity-accept";

    private final List<String> images;
    private String acceptedBy;
    private Long acceptedAt;

    /** For a build whose gate failed these images (core's kept baselines). */
    AcceptanceAction(List<String> images) {
        this.images = new ArrayList<>(images);
    }

    /** Whether a person accepted the images of {@code build}. */
    static boolean accepted(AbstractBuild<?, ?> build) {
        AcceptanceAction action = build.getAction(AcceptanceAction.class);
        return action != null && action.isAccepted();
    }

    /** The images the gate failed. */
    public List<String> getImages() {
        return images;
    }

    public boolean isAccepted() {
        return acceptedBy != null;
    }

    /** The name of the user who accepted. */
    public String getAcceptedBy() {
        return acceptedBy;
    }

    /** When, as an ISO-8601 instant (UTC). */
    public String getAcceptedAt() {
        return acceptedAt == null ? null : Instant.ofEpochMilli(acceptedAt).toString();
    }

    /** Whether the page should offer the form: not yet accepted, the build has ended, and the user may configure. */
    public boolean isAcceptable() {
        AbstractBuild<?, ?> build = Stapler.getCurrentRequest().findAncestorObject(AbstractBuild.class);
        return !isAccepted() && !build.isBuilding() && build.getProject().hasPermission(Item.CONFIGURE);
    }

    /**
     * Records who accepted the images, and when. It changes what later builds compare with, so it answers a POST
     * only (the server's crumb filter checks a POST; a GET gets 405 and changes nothing), from a user with the job's
     * Configure permission, once the build has ended (409 before). Accepting again keeps the first record.
     */
    public synchronized void doAccept(StaplerRequest request, StaplerResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            throw HttpResponses.status(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
        AbstractBuild<?, ?> build = request.findAncestorObject(AbstractBuild.class);
        build.getProject().checkPermission(Item.CONFIGURE);
        if (build.isBuilding()) {
            throw HttpResponses.status(HttpServletResponse.SC_CONFLICT);
        }
        if (!isAccepted()) {
            acceptedBy = Hudson.getAuthentication().getName();
            acceptedAt = System.currentTimeMillis();
            build.save();
        }
        response.sendRedirect2(".");
    }

    @Override
    public String getIconFileName() {
        return "star-gold.gif";
    }

    @Override
    public String getDisplayName() {
        return isAccepted() ? "VM images accepted" : "Accept VM images";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
