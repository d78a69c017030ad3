package org.example.virtsimilarity.jenkins;

import hudson.model.AbstractBuild;
import hudson.model.Result;
import java.io.File;
import org.example.virtsimilarity.baseline.Baselines;
import org.example.virtsimilarity.gate.GateRun;

/**
 * Which earlier build of the job is the baseline: its archived signatures are what this build's images are compared
 * with. The walk is the step's own, not the server's {@code getPreviousSuccessfulBuild}: Hudson 1.395's counts only
 * SUCCESS there and current Jenkins' counts UNSTABLE too, and a job's baseline must not change with the server. A
 * build whose images a person accepted ({@link AcceptanceAction}) counts as successful and stable, whatever its result.
 */
final class ReferenceBuild {
    private ReferenceBuild() {
    }

    /**
     * The earlier build the settings choose, or null when the job has none yet (a first night passes without a
     * baseline); a build number that names no earlier build is bad configuration.
     */
    static AbstractBuild<?, ?> find(AbstractBuild<?, ?> build, Settings settings) {
        switch (settings.baseline()) {
            case BUILD:
                return numbered(build, settings.referenceBuild());
            case LAST_STABLE:
                return previous(build, Result.SUCCESS);
            default:
                return previous(build, Result.UNSTABLE);
        }
    }

    /**
     * The folder of signatures {@code reference} archived; null when it archived none. Core's baseline set keeps a
     * failed image's earlier baseline; of an accepted build, every image's own signature of that build is the baseline.
     */
    static File signatures(AbstractBuild<?, ?> reference) {
        String set = AcceptanceAction.accepted(reference) ? GateRun.RUN_SIGNATURES_FOLDER : Baselines.SIGNATURES_FOLDER;
        File folder = new File(reference.getArtifactsDir(), GateStep.ARTIFACTS + "/" + set);
        return folder.isDirectory() ? folder : null;
    }

    /** How the console names the reference build: its number, and why it is the one. */
    static String describe(AbstractBuild<?, ?> reference, BaselineChoice choice) {
        AcceptanceAction acceptance = reference.getAction(AcceptanceAction.class);
        if (acceptance != null && acceptance.isAccepted()) {
            return "accepted build #" + reference.getNumber() + " (" + acceptance.getAcceptedBy() + " accepted its"
                    + " images at " + acceptance.getAcceptedAt() + ")";
        }
        return "#" + reference.getNumber() + " (" + describe(choice) + ")";
    }

    private static String describe(BaselineChoice choice) {
        switch (choice) {
            case BUILD:
                return "the build the job names";
            case LAST_STABLE:
                return "the last stable build";
            default:
                return "the last successful build";
        }
    }

    private static AbstractBuild<?, ?> previous(AbstractBuild<?, ?> build, Result worst) {
        for (AbstractBuild<?, ?> earlier = build.getPreviousBuild(); earlier != null;
             earlier = earlier.getPreviousBuild()) {
            Result result = earlier.getResult();
            boolean good = result != null && result.isBetterOrEqualTo(worst) || AcceptanceAction.accepted(earlier);
            if (!earlier.isBuilding() && good) {
                return earlier;
            }
        }
        return null;
    }

    private static AbstractBuild<?, ?> numbered(AbstractBuild<?, ?> build, int number) {
        if (number >= build.getNumber()) {
            throw new IllegalArgumentException("the reference build #" + number + " is not an earlier build of this "
                    + "job (this is #" + build.getNumber() + ")");
        }
        AbstractBuild<?, ?> reference = build.getProject().getBuildByNumber(number);
        if (reference == null) {
            throw new IllegalArgumentException("the reference build #" + number + " does not exist: it was deleted or "
                    + "discarded by the job's build rotation (mark a reference build \"Keep this build forever\")");
        }
        return reference;
    }
}
