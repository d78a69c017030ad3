package org.example.virtsimilarity.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.baseline.BaselineName;
import org.example.virtsimilarity.baseline.Baselines;
import org.example.virtsimilarity.chart.ChartPng;
import org.example.virtsimilarity.chart.DivergenceHeatmap;
import org.example.virtsimilarity.chart.DirectoryChart;
import org.example.virtsimilarity.chart.DivergenceTrend;
import org.example.virtsimilarity.explain.ExplainRequest;
import org.example.virtsimilarity.explain.Explainer;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.GuestExplainer;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.history.HistoryFile;
import org.example.virtsimilarity.inputs.ImagePatterns;
import org.example.virtsimilarity.io.AtomicFile;
import org.example.virtsimilarity.io.IoErrors;
import org.example.virtsimilarity.report.HtmlReport;
import org.example.virtsimilarity.report.JsonReport;
import org.example.virtsimilarity.report.ReportFormat;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;
import org.example.virtsimilarity.verdict.Gate;
import org.example.virtsimilarity.verdict.GateResult;

/**
 * A gate run for a build pipeline: analyses the images, compares each with its baseline, judges it by the thresholds
 * and writes the reports, the baseline set (the next run's baseline: {@code signatures/}, where a failed image keeps
 * the baseline it failed against), every image's signature of this run ({@code run-signatures/}) and the history.
 * Every input is checked before anything is written; every file is written whole or not at all. The caller decides
 * what a verdict does to its build.
 */
public final class GateRun {
    /** The folder of an output directory that holds every image's signature of this run, passed or failed. */
    public static final String RUN_SIGNATURES_FOLDER = "run-signatures";

    private GateRun() {
    }

    /** Signs the images and runs the gate on them; every failure is a one-line {@link SimilarityException}. */
    public static GateRunResult run(GateOptions options, ProgressListener listener) {
        List<Path> images = ImagePatterns.expand(options.baseDirectory(), options.images());
        AnalysisOptions analysisOptions = options.analysis().withInputs(images);
        Baseline baseline = options.baseline()
                .map(path -> Baselines.load(path, analysisOptions, options.baselineName(), listener))
                .orElse(Baseline.none());
        Explainer explainer = new GuestExplainer(analysisOptions, options.explainFolders(), options.explainOptions(),
                listener);
        return run(options, ImageSigning.sign(analysisOptions, listener), baseline, explainer, listener);
    }

    /**
     * Runs the gate on images signed elsewhere (a CI agent), as values: nothing is read but the history; the images
     * of {@link GateOptions#images()} and its baseline path are not used. {@code explainer} explains the images the
     * options ask for, where the images are.
     */
    public static GateRunResult run(GateOptions options, List<ImageResult> images, Baseline baseline,
                                    Explainer explainer, ProgressListener listener) {
        if (images.isEmpty()) {
            throw new SimilarityException("no images to judge");
        }
        requireUsableNames(images);
        // a damaged history fails the run before anything is written
        options.historyFile().ifPresent(HistoryFile::read);
        AnalysisResult analysis = SimilarityAnalysis.of(images, options.analysis(), listener);
        GateResult gate = Gate.evaluate(analysis, baseline, options.rules());
        List<Signature> baselineSet = baselineSet(analysis, baseline, gate, options.baselineName());
        List<ExplainRequest> requests = ExplainRequests.of(analysis, baseline, gate, options.explain());
        List<Explanation> explanations = requests.isEmpty() ? List.of() : explainer.explain(requests);
        Findings findings = new Findings(analysis, baseline, gate, explanations);
        createDirectories(options.outputDirectory());
        if (options.historyFile().isEmpty()) {
            return write(options, findings, baselineSet, options.history());
        }
        // runs that share a history append one after another: read, append and write under its lock
        Path historyFile = options.historyFile().get();
        return HistoryFile.locked(historyFile, () -> write(options, findings, baselineSet,
                HistoryFile.read(historyFile)));
    }

    /** What the run found, to write. */
    private record Findings(AnalysisResult analysis, Baseline baseline, GateResult gate,
                            List<Explanation> explanations) {
    }

    /**
     * Writes the reports, the signatures and, where it is a file, the history with this run appended, into the output
     * directory the caller made.
     */
    private static GateRunResult write(GateOptions options, Findings findings, List<Signature> baselineSet,
                                       History history) {
        AnalysisResult analysis = findings.analysis();
        GateResult gate = findings.gate();
        History updated = history.append(gate, options.time(), options.label());
        Path out = options.outputDirectory();
        List<Path> files = new ArrayList<>();
        for (ReportFormat format : options.formats()) {
            if (format.rendersAnalysis()) {
                Path file = out.resolve(format.fileName());
                String report = format == ReportFormat.JSON ? JsonReport.render(analysis, gate,
                        findings.explanations()) : format.render(analysis);
                write(file, report.getBytes(StandardCharsets.UTF_8));
                files.add(file);
            }
        }
        if (options.formats().contains(ReportFormat.HTML)) {
            writeHtml(options, findings, updated, files);
        }
        files.addAll(writeSignatures(out.resolve(Baselines.SIGNATURES_FOLDER), baselineSet));
        files.addAll(writeSignatures(out.resolve(RUN_SIGNATURES_FOLDER), analysis.images().stream()
                .map(ImageResult::signature).toList()));
        options.historyFile().ifPresent(file -> {
            HistoryFile.write(file, updated);
            files.add(file);
        });
        return new GateRunResult(analysis, findings.baseline(), gate, findings.explanations(), updated, out, files);
    }

    private static void writeHtml(GateOptions options, Findings findings, History history, List<Path> files) {
        Path out = options.outputDirectory();
        AnalysisResult analysis = findings.analysis();
        GateResult gate = findings.gate();
        int side = DivergenceHeatmap.size(analysis.images().size());
        write(out.resolve(HtmlReport.HEATMAP_FILE), ChartPng.render(DivergenceHeatmap.chart(analysis.names(),
                analysis.distances()), side, side));
        write(out.resolve(HtmlReport.TREND_FILE), ChartPng.render(DivergenceTrend.chart(
                history.recent(Defaults.TREND_RUNS), gate.thresholds()), 900, 450));
        List<Explanation> explanations = findings.explanations();
        for (int i = 0; i < explanations.size(); i++) {
            if (!explanations.get(i).directories().isEmpty()) {
                Path chart = out.resolve(HtmlReport.explanationChart(i));
                write(chart, ChartPng.render(DirectoryChart.chart(explanations.get(i)), 900, 400));
                files.add(chart);
            }
        }
        String html = HtmlReport.render(analysis, findings.baseline(), gate, explanations, options.time(),
                options.formats());
        write(out.resolve(ReportFormat.HTML.fileName()), html.getBytes(StandardCharsets.UTF_8));
        files.add(out.resolve(ReportFormat.HTML.fileName()));
        files.add(out.resolve(HtmlReport.HEATMAP_FILE));
        files.add(out.resolve(HtmlReport.TREND_FILE));
    }

    /**
     * The signatures the next run should compare with: an image that passed (or was accepted, or had no baseline)
     * gives its signature of this run; an image that failed keeps the baseline it failed against, so that a run
     * pointed at this folder fails it again until it is fixed or accepted, and one that failed for want of a
     * baseline is left out. A kept reference is filed under the image's name, since every image shares it. The set
     * must be one the next run can load: one signature a name, and a series (see {@link BaselineName}).
     */
    private static List<Signature> baselineSet(AnalysisResult analysis, Baseline baseline, GateResult gate,
                                               BaselineName naming) {
        Set<String> kept = new HashSet<>(gate.keptBaselines());
        Map<String, Signature> set = new LinkedHashMap<>();
        for (ImageResult image : analysis.images()) {
            Signature signature = image.signature();
            if (kept.contains(image.name())) {
                Signature earlier = baseline.forImage(image.name()).orElse(null);
                if (earlier == null) {
                    continue;
                }
                signature = baseline.isReference() ? earlier.withIdentity(earlier.identity().withName(image.name()))
                        : earlier;
                if (!isPlainFileName(signature.name())) {
                    // its name comes from a signature file, which an agent may have made
                    throw new SimilarityException("the baseline signature of " + image.name() + " is named '"
                            + signature.name() + "', which is not a plain file name");
                }
            }
            Signature other = set.putIfAbsent(signature.name(), signature);
            if (other != null && other != signature) {
                throw new SimilarityException("the baseline set would hold two signatures named " + signature.name()
                        + " (" + image.name() + " keeps its baseline under that name): rename one image");
            }
        }
        Baseline.earlierRun("the baseline set of this run", List.copyOf(set.values()), naming);
        return List.copyOf(set.values());
    }

    /** Writes one {@code NAME.vsig} a signature and removes signatures left from images no longer analysed. */
    private static List<Path> writeSignatures(Path folder, List<Signature> signatures) {
        createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (Signature signature : signatures) {
            Path file = folder.resolve(signature.name() + SignatureFile.EXTENSION);
            write(file, SignatureFile.toBytes(signature));
            written.add(file);
        }
        Set<Path> current = new HashSet<>(written);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(folder, "*" + SignatureFile.EXTENSION)) {
            for (Path file : stale) {
                if (!current.contains(file)) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new SimilarityException(folder, "cannot remove old signatures: " + IoErrors.describe(e));
        }
        return written;
    }

    /**
     * Reports and baselines name images by file name: two images of one name would overwrite each other, and a name
     * that is not a plain file name (it comes from a signature, which an agent may have made) must not lead the
     * signature files out of their folder.
     */
    private static void requireUsableNames(List<ImageResult> images) {
        Map<String, Path> seen = new HashMap<>();
        for (ImageResult image : images) {
            String name = image.name();
            if (!isPlainFileName(name)) {
                throw new SimilarityException(image.path(), "is named '" + name + "', which is not a plain file name");
            }
            Path earlier = seen.putIfAbsent(name, image.path());
            if (earlier != null) {
                throw new SimilarityException(image.path(), "has the same file name as " + earlier
                        + "; reports and baselines name images by file name, so rename one");
            }
        }
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SimilarityException(dir, "cannot create the output directory: " + IoErrors.describe(e));
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            AtomicFile.write(file, content);
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot write: " + IoErrors.describe(e));
        }
    }
}
