package org.example.virtsimilarity.jenkins;

import hudson.Extension;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import hudson.model.Result;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import java.io.IOException;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.SimilarityException;
import org.kohsuke.stapler.CapturedParameterNames;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/**
 * The build step "Analyze VM image similarity": its configuration, mapped to a {@link GateStep}; bad configuration
 * and unreadable images fail the build with one console line.
 */
public class SimilarityBuilder extends Builder {
    private final String images;
    private final BaselineChoice baseline;
    private final String referenceImage;
    private final String unstableThreshold;
    private final String failureThreshold;
    private final String hash;
    private final String blockSize;
    private final String inputFormat;
    private final String measure;

    // Stapler 1.155 would read parameter names from the class file with an ASM that predates Java 17 classes
    @DataBoundConstructor
    @CapturedParameterNames({"images", "baseline", "referenceImage", "unstableThreshold", "failureThreshold", "hash",
        "blockSize", "inputFormat", "measure"})
    public SimilarityBuilder(String images, String baseline, String referenceImage, String unstableThreshold,
                             String failureThreshold, String hash, String blockSize, String inputFormat,
                             String measure) {
        this.images = images;
        this.baseline = baseline == null || baseline.isEmpty() ? BaselineChoice.NONE : BaselineChoice.valueOf(baseline);
        this.referenceImage = referenceImage;
        this.unstableThreshold = unstableThreshold;
        this.failureThreshold = failureThreshold;
        this.hash = hash == null || hash.isEmpty() ? Defaults.HASH : hash;
        this.blockSize = blockSize == null || blockSize.isEmpty() ? Defaults.BLOCK_SIZE_TEXT
                : blockSize;
        this.inputFormat = inputFormat == null || inputFormat.isEmpty() ? Defaults.INPUT_FORMAT : inputFormat;
        this.measure = measure == null || measure.isEmpty() ? null : measure;
    }

    public String getImages() {
        return images;
    }

    public String getBaseline() {
        return baseline.name();
    }

    public String getReferenceImage() {
        return referenceImage;
    }

    public String getUnstableThreshold() {
        return unstableThreshold;
    }

    public String getFailureThreshold() {
        return failureThreshold;
    }

    public String getHash() {
        return hash;
    }

    public String getBlockSize() {
        return blockSize;
    }

    /** The default for configurations saved before the field existed. */
    public String getInputFormat() {
        return inputFormat == null ? Defaults.INPUT_FORMAT : inputFormat;
    }

    /**
     * The gate's default ({@code content}) for configurations saved before the field existed: they gated on
     * position, which failed rebuilt images; their next build starts a new trend line.
     */
    public String getMeasure() {
        return measure == null ? Defaults.GATE_MEASURE : measure;
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        try {
            GateStep step = new GateStep(Settings.parse(images, baseline, referenceImage, unstableThreshold,
                    failureThreshold, hash, blockSize, getInputFormat(), getMeasure()));
            build.setResult(step.run(build, listener));
        } catch (SimilarityException e) {
            listener.error("[virt-similarity] " + e.getMessage()
                    + e.remedy().map(SimilarityBuilder::remedy).orElse(""));
            build.setResult(Result.FAILURE);
        } catch (IllegalArgumentException e) {
            listener.error("[virt-similarity] " + e.getMessage());
            build.setResult(Result.FAILURE);
        } catch (IOException e) {
            // from an agent, the engine's error comes wrapped in the remoting call's
            SimilarityException cause = engineCause(e);
            if (cause == null) {
                throw e;
            }
            listener.error("[virt-similarity] " + cause.getMessage() + cause.remedy().map(SimilarityBuilder::remedy)
                    .orElse(""));
            build.setResult(Result.FAILURE);
        }
        return true;
    }

    /** How a job's users lift what core refused. */
    private static String remedy(SimilarityException.Remedy remedy) {
        return switch (remedy) {
            case ALLOW_BACKING_FOLDER -> " (an administrator can allow a folder with -D" + Settings.ALLOWED_BACKING
                    + " on the controller)";
            case LARGER_BLOCKS_OR_HEAP -> " (set a larger Block size under Advanced, or give the agent a larger heap)";
            case READ_THROUGH_QEMU -> "";
        };
    }

    private static SimilarityException engineCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SimilarityException similarity) {
                return similarity;
            }
        }
        return null;
    }

    @Override
    public Action getProjectAction(AbstractProject<?, ?> project) {
        return new SimilarityProjectAction(project);
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> type) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Analyze VM image similarity";
        }

        @CapturedParameterNames("value")
        public FormValidation doCheckImages(@QueryParameter String value) {
            return check(() -> Settings.patterns(value));
        }

        @CapturedParameterNames({"value", "baseline"})
        public FormValidation doCheckReferenceImage(@QueryParameter String value, @QueryParameter String baseline) {
            return check(() -> Settings.reference(BaselineChoice.valueOf(baseline.isEmpty() ? "NONE" : baseline),
                    value));
        }

        @CapturedParameterNames("value")
        public FormValidation doCheckUnstableThreshold(@QueryParameter String value) {
            return check(() -> Settings.percent("unstable threshold", value));
        }

        @CapturedParameterNames({"value", "unstableThreshold"})
        public FormValidation doCheckFailureThreshold(@QueryParameter String value,
                                                      @QueryParameter String unstableThreshold) {
            return check(() -> Settings.thresholds(unstableThreshold, value));
        }

        @CapturedParameterNames("value")
        public FormValidation doCheckBlockSize(@QueryParameter String value) {
            return check(() -> Settings.blockSize(value));
        }

        private static FormValidation check(Runnable validation) {
            try {
                validation.run();
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
