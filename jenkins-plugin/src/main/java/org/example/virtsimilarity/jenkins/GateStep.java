package org.example.virtsimilarity.jenkins;

import hudson.FilePath;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Result;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.baseline.Baselines;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.gate.GateOptions;
import org.example.virtsimilarity.gate.GateRun;
import org.example.virtsimilarity.gate.GateRunResult;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.report.ExplanationText;
import org.example.virtsimilarity.report.ReportFormat;
import org.example.virtsimilarity.report.SummaryTable;
import org.example.virtsimilarity.report.TextCladogram;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.Verdict;

/**
 * One build's gate: the images are signed where the workspace is; on the controller core's gate run takes their
 * signatures as values, compares them with the baseline and writes the reports into the build's artifacts, and the
 * verdict becomes the build result. The images it explains are explained where the workspace is too.
 */
final class GateStep {
    /** The artifacts folder the reports and signatures go to; the next build's baseline is read from it. */
    static final String ARTIFACTS = "virt-similarity";

    private final Settings settings;
    private final AgentSettings agent;

    GateStep(Settings settings) {
        this.settings = settings;
        this.agent = AgentSettings.of(settings);
    }

    Result run(AbstractBuild<?, ?> build, BuildListener listener) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        FilePath workspace = build.getWorkspace();
        if (workspace == null) {
            throw new SimilarityException("the build has no workspace");
        }
        List<ImageResult> images = sign(workspace, settings.patterns(), listener);
        // the controller reads no image, so it needs no cache
        AnalysisOptions analysis = AnalysisOptions.builder().algorithm(HashAlgorithm.fromId(settings.hash()))
                .blockSize(settings.blockSize()).measure(settings.measure()).cacheEnabled(false).build();
        GateOptions options = GateOptions.builder(build.getRootDir().toPath())
                .analysis(analysis)
                .baselineName(settings.baselineName())
                .thresholds(settings.thresholds())
                .failOnMissingBaseline(settings.failOnMissingBaseline())
                .outputDirectory(new File(build.getArtifactsDir(), ARTIFACTS).toPath())
                .formats(ReportFormat.GATE_DEFAULTS)
                .history(BuildHistory.of(build.getProject(), build, Defaults.TREND_RUNS))
                .label("#" + build.getNumber())
                .explain(settings.explain())
                .build();
        GateRunResult result;
        try {
            result = GateRun.run(options, images, baseline(build, workspace, listener, analysis),
                    new AgentExplainer(workspace, agent, listener), ProgressListener.NONE);
        } catch (AgentExplainer.Aborted e) {
            throw e.interruption();
        }
        GateResult gate = result.gate();
        build.addAction(new SimilarityBuildAction(gate, TextCladogram.render(result.analysis().tree(),
                result.analysis().names()), result.explanations()));
        log.println("[virt-similarity] baseline: " + result.baseline().description() + "; measure: "
                + gate.measure());
        SummaryTable.render(gate).forEach(line -> log.println("[virt-similarity]   " + line));
        for (Explanation explanation : result.explanations()) {
            ExplanationText.lines(explanation, ExplainedImage.TOP_FILES, false)
                    .forEach(line -> log.println("[virt-similarity] " + line));
        }
        log.println("[virt-similarity] reports archived in " + ARTIFACTS + "/");
        gate.notes().forEach(note -> log.println("[virt-similarity] " + note));
        if (!gate.keptBaselines().isEmpty()) {
            build.addAction(new AcceptanceAction(gate.keptBaselines()));
            log.println("[virt-similarity] to accept the divergence of " + String.join(", ", gate.keptBaselines())
                    + " as intended: \"Accept VM images\" on this build's page (" + build.getUrl()
                    + AcceptanceAction.URL_NAME + "/), with the job's Configure permission");
        }
        return verdict(gate, log);
    }

    private List<ImageResult> sign(FilePath workspace, List<String> patterns, BuildListener listener)
            throws IOException, InterruptedException {
        return workspace.act(new SignImages(patterns, agent, listener)).stream()
                .map(signed -> signed.result(agent)).toList();
    }

    private Baseline baseline(AbstractBuild<?, ?> build, FilePath workspace, BuildListener listener,
                              AnalysisOptions analysis) throws IOException, InterruptedException {
        if (settings.baseline().isEarlierBuild()) {
            return archived(build, listener.getLogger(), analysis);
        }
        if (settings.baseline() == BaselineChoice.REFERENCE) {
            ImageResult reference = sign(workspace, List.of(settings.referenceImage()), listener).get(0);
            // a disk image is the user's word, where an explanation may look; a .vsig file's recorded path is not
            return reference.format() == ImageFormat.SIGNATURE
                    ? Baseline.reference(settings.referenceImage(), reference.signature())
                    : Baseline.referenceImage(reference.path(), reference.signature());
        }
        return Baseline.none();
    }

    /**
     * The signatures an earlier build archived. A job without such a build yet has no baseline; a build the user
     * named by number must have archived signatures, or the gate would pass while comparing with nothing.
     */
    private Baseline archived(AbstractBuild<?, ?> build, PrintStream log, AnalysisOptions analysis) {
        AbstractBuild<?, ?> reference = ReferenceBuild.find(build, settings);
        File signatures = reference == null ? null : ReferenceBuild.signatures(reference);
        if (signatures == null) {
            if (settings.baseline() == BaselineChoice.BUILD) {
                throw new IllegalArgumentException("the reference build #" + reference.getNumber()
                        + " archived no image signatures");
            }
            return Baseline.none();
        }
        log.println("[virt-similarity] reference build: " + ReferenceBuild.describe(reference, settings.baseline()));
        return Baselines.load(signatures.toPath(), analysis, settings.baselineName(), ProgressListener.NONE);
    }

    /** Core words the verdicts; the step only maps each to a build result. */
    private static Result verdict(GateResult gate, PrintStream log) {
        Map<Verdict, String> messages = gate.messages();
        if (messages.containsKey(Verdict.FAIL)) {
            log.println("[virt-similarity] FAILURE: " + messages.get(Verdict.FAIL));
        }
        if (messages.containsKey(Verdict.WARN)) {
            log.println("[virt-similarity] UNSTABLE: " + messages.get(Verdict.WARN));
        }
        if (messages.containsKey(Verdict.NO_BASELINE)) {
            log.println("[virt-similarity] " + messages.get(Verdict.NO_BASELINE));
        }
        switch (gate.verdict()) {
            case FAIL:
                return Result.FAILURE;
            case WARN:
                return Result.UNSTABLE;
            default:
                return Result.SUCCESS;
        }
    }
}
