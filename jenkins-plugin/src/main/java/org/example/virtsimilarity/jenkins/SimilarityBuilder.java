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
import net.sf.json.JSONObject;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.baseline.BaselineName;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.CapturedParameterNames;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest;

/**
 * The build step "Analyze VM image similarity": its configuration, mapped to a {@link GateStep}; bad configuration
 * and unreadable images fail the build with one console line.
 *
 * <p>Only the image patterns are required and bound by the constructor; every other field has a default and a setter,
 * so a field added later neither breaks the constructor's callers (Job DSL, scripts) nor configurations saved
 * before it (their missing fields read as the defaults). The Stapler of Hudson 1.395 (1.155) has no
 * {@code DataBoundSetter}, so the descriptor binds the setters from the form itself (see
 * {@link DescriptorImpl#newInstance}).
 */
public class SimilarityBuilder extends Builder {
    private final String images;
    private BaselineChoice baseline;
    private String referenceImage;
    private String referenceBuild;
    private String baselineName;
    private boolean failOnMissingBaseline;
    private String unstableThreshold;
    private String failureThreshold;
    private String hash;
    private String blockSize;
    private String inputFormat;
    private String measure;
    private Boolean explainDifferences;

    // Stapler 1.155 would read parameter names from the class file with an ASM that predates Java 17 classes
    @DataBoundConstructor
    @CapturedParameterNames("images")
    public SimilarityBuilder(String images) {
        this.images = images;
    }

    public String getImages() {
        return images;
    }

    public String getBaseline() {
        return baselineChoice().name();
    }

    public void setBaseline(String baseline) {
        this.baseline = BaselineChoice.parse(baseline);
    }

    public String getReferenceImage() {
        return referenceImage;
    }

    public void setReferenceImage(String referenceImage) {
        this.referenceImage = blankToNull(referenceImage);
    }

    /** The number of the build whose signatures the {@link BaselineChoice#BUILD} baseline is. */
    public String getReferenceBuild() {
        return referenceBuild;
    }

    public void setReferenceBuild(String referenceBuild) {
        this.referenceBuild = blankToNull(referenceBuild);
    }

    /**
     * How images find their signature among an earlier build's when their names carry dates or versions: a regular
     * expression whose groups name an image's series, as the Maven goal's {@code baselineName}; null for by file name.
     */
    public String getBaselineName() {
        return baselineName;
    }

    public void setBaselineName(String baselineName) {
        this.baselineName = blankToNull(baselineName);
    }

    /** Whether an image that finds no signature in the reference build's fails the build; off by default. */
    public boolean isFailOnMissingBaseline() {
        return failOnMissingBaseline;
    }

    public void setFailOnMissingBaseline(boolean failOnMissingBaseline) {
        this.failOnMissingBaseline = failOnMissingBaseline;
    }

    public String getUnstableThreshold() {
        return unstableThreshold;
    }

    public void setUnstableThreshold(String unstableThreshold) {
        this.unstableThreshold = blankToNull(unstableThreshold);
    }

    public String getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(String failureThreshold) {
        this.failureThreshold = blankToNull(failureThreshold);
    }

    public String getHash() {
        return hash == null ? Defaults.HASH : hash;
    }

    public void setHash(String hash) {
        this.hash = blankToNull(hash);
    }

    public String getBlockSize() {
        return blockSize == null ? Defaults.BLOCK_SIZE_TEXT : blockSize;
    }

    public void setBlockSize(String blockSize) {
        this.blockSize = blankToNull(blockSize);
    }

    /** The default for configurations saved before the field existed. */
    public String getInputFormat() {
        return inputFormat == null ? Defaults.INPUT_FORMAT : inputFormat;
    }

    public void setInputFormat(String inputFormat) {
        this.inputFormat = blankToNull(inputFormat);
    }

    /**
     * The gate's default ({@code content}) for configurations saved before the field existed: they gated on
     * position, which failed rebuilt images; their next build starts a new trend line.
     */
    public String getMeasure() {
        return measure == null ? Defaults.GATE_MEASURE : measure;
    }

    public void setMeasure(String measure) {
        this.measure = blankToNull(measure);
    }

    /**
     * Whether images at or over the unstable threshold are explained against their baseline: on by default, and for
     * configurations saved before the field existed, as the Maven goal's {@code explain}.
     */
    public boolean isExplainDifferences() {
        return explainDifferences == null || explainDifferences;
    }

    public void setExplainDifferences(boolean explainDifferences) {
        this.explainDifferences = explainDifferences;
    }

    private BaselineChoice baselineChoice() {
        return baseline == null ? BaselineChoice.NONE : baseline;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        try {
            PathVariables variables = PathVariables.of(build, listener);
            GateStep step = new GateStep(Settings.parse(variables.expand(images), baselineChoice(),
                    variables.expand(referenceImage), referenceBuild, baselineName, failOnMissingBaseline,
                    unstableThreshold, failureThreshold, getHash(), getBlockSize(), getInputFormat(), getMeasure(),
                    isExplainDifferences()));
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
            // the step reads through its own readers, and writes into the build's own, new archive folder
            case READ_THROUGH_QEMU, WRITE_INTO_NON_EMPTY_FOLDER -> "";
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

    /**
     * The step's descriptor: binds the configuration form and checks its fields as they are typed. Each check is named
     * after its field ({@code doCheckReferenceImage} for {@code referenceImage}), which is how the form finds it.
     */
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

        /**
         * The constructor binds the required field, then each optional field that the form holds goes through its
         * setter: what {@code @DataBoundSetter} does on current Stapler, done with the bean binding Stapler 1.155 has.
         */
        @Override
        public SimilarityBuilder newInstance(StaplerRequest request, JSONObject form) {
            SimilarityBuilder builder = request.bindJSON(SimilarityBuilder.class, form);
            request.bindJSON(builder, form);
            return builder;
        }

        @CapturedParameterNames({"project", "value"})
        public FormValidation doCheckImages(@AncestorInPath AbstractProject<?, ?> project,
                                            @QueryParameter String value) {
            return FormChecks.check(project, () -> FormChecks.rule(() -> Settings.patterns(value)));
        }

        @CapturedParameterNames({"project", "value", "baseline"})
        public FormValidation doCheckReferenceImage(@AncestorInPath AbstractProject<?, ?> project,
                                                    @QueryParameter String value, @QueryParameter String baseline) {
            return FormChecks.check(project, () -> FormChecks.rule(() -> Settings.reference(
                    BaselineChoice.parse(baseline), value)));
        }

        /** A number the job has no build for yet is a warning: the build may be running, or it is a typo. */
        @CapturedParameterNames({"project", "value", "baseline"})
        public FormValidation doCheckReferenceBuild(@AncestorInPath AbstractProject<?, ?> project,
                                                    @QueryParameter String value, @QueryParameter String baseline) {
            return FormChecks.check(project, () -> {
                FormValidation rule = FormChecks.rule(() -> Settings.referenceBuild(BaselineChoice.parse(baseline),
                        value));
                boolean named = rule.kind == FormValidation.Kind.OK && BaselineChoice.BUILD.name().equals(baseline);
                if (named && project != null && project.getBuildByNumber(Integer.parseInt(value.trim())) == null) {
                    return FormValidation.warning("this job has no build #" + value.trim());
                }
                return rule;
            });
        }

        @CapturedParameterNames({"project", "value"})
        public FormValidation doCheckBaselineName(@AncestorInPath AbstractProject<?, ?> project,
                                                  @QueryParameter String value) {
            return FormChecks.check(project, () -> FormChecks.rule(() -> BaselineName.of(value)));
        }

        @CapturedParameterNames({"project", "value"})
        public FormValidation doCheckUnstableThreshold(@AncestorInPath AbstractProject<?, ?> project,
                                                       @QueryParameter String value) {
            return FormChecks.check(project, () -> FormChecks.rule(() -> Settings.percent("unstable threshold",
                    value)));
        }

        @CapturedParameterNames({"project", "value", "unstableThreshold"})
        public FormValidation doCheckFailureThreshold(@AncestorInPath AbstractProject<?, ?> project,
                                                      @QueryParameter String value,
                                                      @QueryParameter String unstableThreshold) {
            return FormChecks.check(project, () -> FormChecks.rule(() -> Settings.thresholds(unstableThreshold,
                    value)));
        }

        @CapturedParameterNames({"project", "value"})
        public FormValidation doCheckBlockSize(@AncestorInPath AbstractProject<?, ?> project,
                                               @QueryParameter String value) {
            return FormChecks.check(project, () -> FormChecks.rule(() -> Settings.blockSize(value)));
        }
    }
}
