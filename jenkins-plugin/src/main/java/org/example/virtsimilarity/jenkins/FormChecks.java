package org.example.virtsimilarity.jenkins;

import hudson.model.AbstractProject;
import hudson.model.Hudson;
import hudson.model.Item;
import hudson.util.FormValidation;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest;

/**
 * Who may run the step's form checks, and how. A check answers a POST only, so a link or an image on another site
 * cannot make a user's browser run it (the page's own checks POST, with the server's crumb when it has one), and only
 * a user who may configure the job whose page asks, so nobody else can probe how the controller is set up (which paths
 * it allows). Hudson 1.395's Stapler has neither {@code @POST} nor {@code @RequirePOST}: the method is read from the
 * request, and a GET gets 405.
 */
final class FormChecks {
    private FormChecks() {
    }

    /**
     * The check's verdict on a value, for a request the rules above allow; {@code project} is the job whose page
     * asks, null when the check was asked outside a job (then only an administrator may ask).
     */
    static FormValidation check(AbstractProject<?, ?> project, Supplier<FormValidation> check) {
        StaplerRequest request = Stapler.getCurrentRequest();
        if (request != null && !"POST".equals(request.getMethod())) {
            throw HttpResponses.status(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
        if (project == null) {
            Hudson.getInstance().checkPermission(Hudson.ADMINISTER);
        } else {
            project.checkPermission(Item.CONFIGURE);
        }
        return check.get();
    }

    /** An error with the rule's words when the value breaks a rule of {@link Settings}, else OK. */
    static FormValidation rule(Runnable rule) {
        try {
            rule.run();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
