package org.example.virtsimilarity.jenkins;

import hudson.FilePath;
import hudson.Util;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Result;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.baseline.Baselines;
import org.example.virtsimilarity.check.CheckOptions;
import org.example.virtsimilarity.check.CheckResult;
import org.example.virtsimilarity.check.ImageCheck;
import org.example.virtsimilarity.check.OutputFormat;
import org.example.virtsimilarity.gate.GateResult;
import org.example.virtsimilarity.gate.SummaryTable;
import org.example.virtsimilarity.gate.Verdict;
import org.example.virtsimilarity.io.AtomicFile;
import org.example.virtsimilarity.report.TextCladogram;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.SignatureFile;

/**
 * One build's gate: the images are signed where the workspace is; on the controller core's check compares the
 * signatures with the baseline and writes the reports into the build's artifacts, and the verdict becomes the build
 * result.
 */
final class GateStep {
    /** The artifacts folder the reports and signatures go to; the next build's baseline is read from it. */
    static final String ARTIFACTS = "virt-similarity";
    static final int TREND_BUILDS = 30;

    private final Settings settings;

    GateStep(Settings settings) {
        this.settings = settings;
    }

    Result run(AbstractBuild<?, ?> build, BuildListener listener) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        FilePath workspace = build.getWorkspace();
        if (workspace == null) {
            throw new SimilarityException("the build has no workspace");
        }
        List<SignImages.Signed> images = workspace.act(new SignImages(settings.patterns(), settings, listener));

        File work = new File(build.getRootDir(), "virt-similarity-inputs");
        try {
            List<String> inputs = new ArrayList<>();
            for (SignImages.Signed image : images) {
                inputs.add(write(work, image).toString());
            }
            CheckOptions options = CheckOptions.builder(work.toPath())
                    .images(inputs)
                    .analysis(AnalysisOptions.builder().algorithm(HashAlgorithm.fromId(settings.hash()))
                            .blockSize(settings.blockSize()).measure(settings.measure()).cacheEnabled(false)
                            .build())
                    .baseline(baseline(build, workspace, listener, work))
                    .thresholds(settings.thresholds())
                    .outputDirectory(new File(build.getArtifactsDir(), ARTIFACTS).toPath())
                    .formats(EnumSet.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.HTML))
                    .history(BuildHistory.of(build.getProject(), build, TREND_BUILDS))
                    .label("#" + build.getNumber())
                    .build();
            CheckResult result = ImageCheck.run(options, ProgressListener.NONE);
            GateResult gate = result.gate();
            build.addAction(new SimilarityBuildAction(gate, TextCladogram.render(result.analysis().tree(),
                    result.analysis().names())));
            log.println("[virt-similarity] baseline: " + result.baseline().description());
            SummaryTable.render(gate).forEach(line -> log.println("[virt-similarity]   " + line));
            log.println("[virt-similarity] reports archived in " + ARTIFACTS + "/");
            return verdict(gate, log);
        } finally {
            Util.deleteRecursive(work);
        }
    }

    private Path baseline(AbstractBuild<?, ?> build, FilePath workspace, BuildListener listener, File work)
            throws IOException, InterruptedException {
        switch (settings.baseline()) {
            case LAST_SUCCESSFUL: {
                AbstractBuild<?, ?> previous = build.getPreviousSuccessfulBuild();
                File signatures = previous == null ? null
                        : new File(previous.getArtifactsDir(), ARTIFACTS + "/" + Baselines.SIGNATURES_FOLDER);
                if (signatures == null || !signatures.isDirectory()) {
                    return null;
                }
                return signatures.toPath();
            }
            case REFERENCE: {
                List<SignImages.Signed> reference = workspace.act(new SignImages(List.of(settings.referenceImage()),
                        settings, listener));
                return write(new File(work, "reference"), reference.get(0));
            }
            default:
                return null;
        }
    }

    private static Result verdict(GateResult gate, PrintStream log) {
        if (!gate.with(Verdict.FAIL).isEmpty()) {
            log.println("[virt-similarity] FAILURE: " + gate.describe(Verdict.FAIL));
        }
        if (!gate.with(Verdict.WARN).isEmpty()) {
            log.println("[virt-similarity] UNSTABLE: " + gate.describe(Verdict.WARN));
        }
        switch (gate.verdict()) {
            case FAIL:
                return Result.FAILURE;
            case WARN:
                return Result.UNSTABLE;
            case NO_BASELINE:
                log.println("[virt-similarity] no baseline to compare with, so the build passes; its signatures are "
                        + "archived for the next build");
                return Result.SUCCESS;
            default:
                return Result.SUCCESS;
        }
    }

    private static Path write(File folder, SignImages.Signed image) throws IOException {
        Path file = folder.toPath().resolve(image.name + SignatureFile.EXTENSION);
        Files.createDirectories(folder.toPath());
        AtomicFile.write(file, image.signature);
        return file;
    }
}
