package org.example.virtsimilarity.maven;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.baseline.BaselineName;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.explain.ExplainOptions;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.gate.BackingPlanReport;
import org.example.virtsimilarity.gate.ExplainScope;
import org.example.virtsimilarity.gate.GateOptions;
import org.example.virtsimilarity.gate.GateRun;
import org.example.virtsimilarity.gate.GateRunResult;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.report.BackingPlanJson;
import org.example.virtsimilarity.report.BackingPlanText;
import org.example.virtsimilarity.report.ExplanationText;
import org.example.virtsimilarity.report.ReportFormat;
import org.example.virtsimilarity.report.SummaryTable;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.Thresholds;
import org.example.virtsimilarity.verdict.Verdict;

/**
 * Reports how the images relate to each other and to a baseline, and fails the build when an image diverges from its
 * baseline by more than {@code maxDivergence} percent. Runs with or without a project.
 */
@Mojo(name = "analyze", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class AnalyzeMojo extends AbstractMojo {
    /** Image files and Ant-style patterns ({@code images/**}{@code /*.qcow2}), relative to the project. */
    @Parameter(property = "virt-similarity.images")
    List<String> images;

    /**
     * An image, a {@code .vsig} signature, or the output directory (or its {@code signatures} folder) of an earlier
     * run. A folder that does not exist yet is an empty baseline (a pipeline's first night), unless
     * {@code failOnMissingBaseline}.
     */
    @Parameter(property = "virt-similarity.baseline")
    String baseline;

    /**
     * How images find their signature in a baseline folder when their names carry dates or versions: a regular
     * expression matching a whole file name, whose groups name the image's series. With {@code (web|db)-.*\.qcow2},
     * {@code web-2026-12-02.qcow2} is compared with {@code web-2026-12-01.qcow2}. Unset: by file name, else by the
     * name without its extension.
     */
    @Parameter(property = "virt-similarity.baselineName")
    String baselineName;

    /** Whether an image that finds no signature in the baseline (or a baseline folder that does not exist) fails. */
    @Parameter(property = "virt-similarity.failOnMissingBaseline", defaultValue = "false")
    boolean failOnMissingBaseline;

    /**
     * Images (file names, or {@code *} for all) whose divergence a person accepts for this run: they pass, and their
     * signature of this run goes into the baseline set instead of their earlier baseline.
     */
    @Parameter(property = "virt-similarity.accept")
    List<String> accept;

    /** Percent divergence from the baseline above which the build fails. */
    @Parameter(property = "virt-similarity.maxDivergence")
    Double maxDivergence;

    /** Percent divergence from the baseline above which the build log warns. */
    @Parameter(property = "virt-similarity.warnDivergence")
    Double warnDivergence;

    /** Whether crossing {@code maxDivergence} fails the build; when false it is logged as an error only. */
    @Parameter(property = "virt-similarity.failOnDivergence", defaultValue = "true")
    boolean failOnDivergence;

    /** Skips the goal (the build passes without reading an image). */
    @Parameter(property = "virt-similarity.skip", defaultValue = "false")
    boolean skip;

    /**
     * Skips a project of packaging {@code pom} that lists modules (a reactor's parent or aggregator), so that a
     * plugin configured in a parent runs in the modules that make images. A pom-packaged module without modules of
     * its own is analysed.
     */
    @Parameter(property = "virt-similarity.skipPomModules", defaultValue = "true")
    boolean skipPomModules;

    /**
     * Whether a module where no image pattern matches a file fails; by default it logs one line and passes, as a
     * module of a reactor that makes no images should. A plain path that does not exist always fails.
     */
    @Parameter(property = "virt-similarity.failIfNoImages", defaultValue = "false")
    boolean failIfNoImages;

    /**
     * Where the reports, the signatures (the next run's baseline) and by default the history go; by default
     * {@code ${project.build.directory}/virt-similarity}, or {@code target/virt-similarity} without a project.
     */
    @Parameter(property = "virt-similarity.outputDirectory")
    File outputDirectory;

    /**
     * What divergence measures: {@code content} (the default), the share of an image's data whose content is nowhere
     * in its baseline, wherever it sits, which stays low for images rebuilt from scratch; or {@code position},
     * upstream's share of differing block positions, for clones changed in place.
     */
    @Parameter(property = "virt-similarity.measure", defaultValue = Defaults.GATE_MEASURE)
    String measure;

    /** Block hash: xxh128, sha256 or md5. */
    @Parameter(property = "virt-similarity.hash", defaultValue = Defaults.HASH)
    String hash;

    /** Block size in bytes: a power of two from 4096 to 1048576. */
    @Parameter(property = "virt-similarity.blockSize", defaultValue = Defaults.BLOCK_SIZE_TEXT)
    int blockSize;

    /**
     * The format of every image: raw, qcow2, vmdk, ... or auto (the default) to tell each image's format from its
     * first bytes. State it where the images' content is not yours to trust: a raw image whose guest wrote a qcow2
     * header into its first sector is then read as raw, not as an overlay on whatever file that header names.
     */
    @Parameter(property = "virt-similarity.inputFormat", defaultValue = Defaults.INPUT_FORMAT)
    String inputFormat;

    /**
     * Folders whose files images may name as backing files. Without them a backing file is read only if its name is
     * relative and it lies inside the folder of the image that names it; any other is refused before it is opened.
     */
    @Parameter(property = "virt-similarity.allowedBackingDirectories")
    List<File> allowedBackingDirectories;

    /** Signature cache; defaults to the user's ({@code $XDG_CACHE_HOME/virt-similarity}). */
    @Parameter(property = "virt-similarity.cacheDirectory")
    File cacheDirectory;

    /** Reports to write: text, json, csv, newick, html. */
    @Parameter(property = "virt-similarity.formats", defaultValue = "text,json,csv,html")
    List<String> formats;

    /** The history the trend chart is drawn from; keep it outside {@code target} to keep it across clean builds. */
    @Parameter(property = "virt-similarity.historyFile")
    File historyFile;

    /** What this run is called in the history and on the trend chart, e.g. a CI build number. */
    @Parameter(property = "virt-similarity.label", defaultValue = "")
    String label;

    /**
     * Whether to report the least-storage tree of qcow2 backing files for the images ({@code backing-plan.json} in
     * the output directory, and a line in the log). A report only: the goal never rewrites images.
     */
    @Parameter(property = "virt-similarity.backingPlan", defaultValue = "true")
    boolean backingPlan;

    /** The most backing files a chain of the backing plan may have. */
    @Parameter(property = "virt-similarity.maxChain", defaultValue = "8")
    int maxChain;

    /**
     * Which images to explain against their baseline, to say what changed: {@code warning} (the default) explains
     * those at or over the warning threshold, {@code always} every image with a baseline, {@code never} none. An
     * explanation opens both disk images read-only in one libguestfs appliance (10-40 s to start) and names the
     * partitions and files behind the divergence; it goes into the reports, and its top 5 files into this log. The
     * baseline's disk image must still be where it was signed (inside the project or the baseline's folder);
     * otherwise, or without libguestfs, one line says why the explanation was skipped and the gate runs as ever.
     */
    @Parameter(property = "virt-similarity.explain", defaultValue = ExplainScope.DEFAULT)
    String explain;

    /** Seconds an explanation may take, the appliance's start included; past it, it is marked partial. */
    @Parameter(property = "virt-similarity.explainTimeLimit", defaultValue = "600")
    int explainTimeLimit;

    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    File basedir;

    /** Maven 3 leaves this unresolved ("${project.basedir}/target") when there is no project. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    String buildDirectory;

    @Parameter(defaultValue = "${project.packaging}", readonly = true)
    String packaging;

    @Parameter(defaultValue = "${project.modules}", readonly = true)
    List<String> modules;

    /** Files of an explanation the log lists; the reports have the rest. */
    private static final int LOGGED_FILES = 5;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("virt-similarity: skipped");
            return;
        }
        if (skipPomModules && "pom".equals(packaging) && modules != null && !modules.isEmpty()) {
            getLog().info("virt-similarity: skipped in this aggregator (packaging pom with modules);"
                    + " set skipPomModules to false to analyse here");
            return;
        }
        GateRunResult result;
        try {
            GateOptions options = options();
            if (options.namesNoImage()) {
                String line = "no image matches " + String.join(", ", images) + " under " + basedir;
                if (failIfNoImages) {
                    throw new MojoFailureException(line + " (failIfNoImages is true)");
                }
                getLog().info("virt-similarity: " + line + "; nothing to analyse here");
                return;
            }
            result = GateRun.run(options, new MavenProgress(getLog()));
        } catch (SimilarityException e) {
            throw new MojoExecutionException(e.getMessage() + e.remedy().map(AnalyzeMojo::remedy).orElse(""), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        report(result);
        backingPlan(result);
        gate(result.gate());
    }

    private GateOptions options() {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no images: set <images> or -Dvirt-similarity.images");
        }
        if (maxChain < 0) {
            // checked before anything is read or written
            throw new IllegalArgumentException("maxChain " + maxChain + " is negative");
        }
        if (explainTimeLimit <= 0) {
            throw new IllegalArgumentException("explainTimeLimit " + explainTimeLimit + " is not positive");
        }
        AnalysisOptions.Builder analysis = AnalysisOptions.builder().algorithm(HashAlgorithm.fromId(hash))
                .blockSize(blockSize).measure(Measure.fromId(measure))
                .inputFormat(ImageFormat.parseStated(inputFormat).orElse(null));
        if (allowedBackingDirectories != null) {
            allowedBackingDirectories.forEach(folder -> analysis.allowBackingFolder(folder.toPath()));
        }
        if (cacheDirectory != null) {
            analysis.cacheDirectory(cacheDirectory.toPath());
        }
        return GateOptions.builder(basedir.toPath())
                .images(images)
                .analysis(analysis.build())
                .baseline(baseline == null || baseline.isBlank() ? null : basedir.toPath().resolve(baseline))
                .baselineName(BaselineName.of(baselineName))
                .thresholds(Thresholds.of(warnDivergence, maxDivergence))
                .accept(accept == null ? List.of() : accept)
                .failOnMissingBaseline(failOnMissingBaseline)
                .outputDirectory(outputDirectory().toPath())
                .formats(ReportFormat.parseList(String.join(",", formats)))
                .historyFile(historyFile == null ? null : historyFile.toPath())
                .label(label)
                .explain(ExplainScope.fromId(explain))
                .explainOptions(ExplainOptions.defaults().withTimeLimit(Duration.ofSeconds(explainTimeLimit)))
                .build();
    }

    private File outputDirectory() {
        if (outputDirectory != null) {
            return outputDirectory;
        }
        boolean noProject = buildDirectory == null || buildDirectory.contains("${");
        return new File(noProject ? new File(basedir, "target") : new File(buildDirectory), "virt-similarity");
    }

    private void report(GateRunResult result) {
        getLog().info("Baseline: " + result.baseline().description() + "; measure: " + result.gate().measure());
        SummaryTable.render(result.gate()).forEach(line -> getLog().info("  " + line));
        for (Explanation explanation : result.explanations()) {
            List<String> lines = ExplanationText.lines(explanation, LOGGED_FILES, false);
            getLog().info("Explained: " + lines.get(0));
            lines.subList(1, lines.size()).forEach(line -> getLog().info(line));
        }
        getLog().info("Reports: " + result.outputDirectory() + " (" + result.files().size() + " files; open "
                + ReportFormat.HTML.fileName() + ")");
    }

    /** The verdicts' lines are core's; what each does to the build is the goal's. */
    private void gate(GateResult gate) throws MojoFailureException {
        gate.notes().forEach(note -> getLog().info(note));
        if (!gate.keptBaselines().isEmpty()) {
            getLog().info("to accept a divergence as intended: -Dvirt-similarity.accept="
                    + String.join(",", gate.keptBaselines()));
        }
        Map<Verdict, String> messages = gate.messages();
        if (messages.containsKey(Verdict.NO_BASELINE)) {
            getLog().info(messages.get(Verdict.NO_BASELINE));
        }
        if (messages.containsKey(Verdict.WARN)) {
            getLog().warn(messages.get(Verdict.WARN));
        }
        if (messages.containsKey(Verdict.FAIL)) {
            if (failOnDivergence) {
                throw new MojoFailureException(messages.get(Verdict.FAIL));
            }
            getLog().error(messages.get(Verdict.FAIL) + " (failOnDivergence is false, so the build goes on)");
        }
    }

    /** A report beside the gate's: its failure is a warning, never what decides the build. */
    private void backingPlan(GateRunResult result) {
        try {
            if (!backingPlan) {
                BackingPlanReport.remove(result);
                return;
            }
            getLog().info(BackingPlanText.summary(BackingPlanReport.write(result, maxChain)) + " (see "
                    + BackingPlanJson.FILE_NAME + ")");
        } catch (SimilarityException | IllegalArgumentException e) {
            getLog().warn("no backing plan: " + e.getMessage());
        }
    }

    /** How a user of the goal lifts what core refused. */
    private static String remedy(SimilarityException.Remedy remedy) {
        return switch (remedy) {
            case ALLOW_BACKING_FOLDER -> " (to allow a folder: <allowedBackingDirectories>)";
            case LARGER_BLOCKS_OR_HEAP -> " (set a larger <blockSize>, or give Maven a larger heap:"
                    + " MAVEN_OPTS=-Xmx...)";
            case READ_THROUGH_QEMU, WRITE_INTO_NON_EMPTY_FOLDER -> "";
        };
    }
}
