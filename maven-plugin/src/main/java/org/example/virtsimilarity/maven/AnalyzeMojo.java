package org.example.virtsimilarity.maven;

import java.io.File;
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
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.gate.GateOptions;
import org.example.virtsimilarity.gate.GateRun;
import org.example.virtsimilarity.gate.GateRunResult;
import org.example.virtsimilarity.image.ImageFormat;
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

    /** An image, a {@code .vsig} signature, or the output directory (or signatures folder) of an earlier run. */
    @Parameter(property = "virt-similarity.baseline")
    String baseline;

    /** Percent divergence from the baseline above which the build fails. */
    @Parameter(property = "virt-similarity.maxDivergence")
    Double maxDivergence;

    /** Percent divergence from the baseline above which the build log warns. */
    @Parameter(property = "virt-similarity.warnDivergence")
    Double warnDivergence;

    /** Whether crossing {@code maxDivergence} fails the build; when false it is logged as an error only. */
    @Parameter(property = "virt-similarity.failOnDivergence", defaultValue = "true")
    boolean failOnDivergence;

    @Parameter(property = "virt-similarity.skip", defaultValue = "false")
    boolean skip;

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

    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    File basedir;

    /** Maven 3 leaves this unresolved ("${project.basedir}/target") when there is no project. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    String buildDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("virt-similarity: skipped");
            return;
        }
        GateRunResult result;
        try {
            result = GateRun.run(options(), new MavenProgress(getLog()));
        } catch (SimilarityException e) {
            throw new MojoExecutionException(e.getMessage() + e.remedy().map(AnalyzeMojo::remedy).orElse(""), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        report(result);
        gate(result.gate());
    }

    private GateOptions options() {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no images: set <images> or -Dvirt-similarity.images");
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
                .thresholds(Thresholds.of(warnDivergence, maxDivergence))
                .outputDirectory(outputDirectory().toPath())
                .formats(ReportFormat.parseList(String.join(",", formats)))
                .historyFile(historyFile == null ? null : historyFile.toPath())
                .label(label)
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
        getLog().info("Reports: " + result.outputDirectory() + " (" + result.files().size() + " files; open "
                + ReportFormat.HTML.fileName() + ")");
    }

    /** The verdicts' lines are core's; what each does to the build is the goal's. */
    private void gate(GateResult gate) throws MojoFailureException {
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

    /** How a user of the goal lifts what core refused. */
    private static String remedy(SimilarityException.Remedy remedy) {
        return switch (remedy) {
            case ALLOW_BACKING_FOLDER -> " (to allow a folder: <allowedBackingDirectories>)";
            case LARGER_BLOCKS_OR_HEAP -> " (set a larger <blockSize>, or give Maven a larger heap:"
                    + " MAVEN_OPTS=-Xmx...)";
            case READ_THROUGH_QEMU -> "";
        };
    }
}
