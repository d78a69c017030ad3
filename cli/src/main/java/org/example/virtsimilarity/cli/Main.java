package org.example.virtsimilarity.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.example.virtsimilarity.cli.Arguments.UsageException;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.explain.ExplainOptions;
import org.example.virtsimilarity.explain.ExplainRequest;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.GuestExplainer;
import org.example.virtsimilarity.explain.PairChoice;
import org.example.virtsimilarity.io.AtomicFile;
import org.example.virtsimilarity.io.IoErrors;
import org.example.virtsimilarity.report.BackingPlanJson;
import org.example.virtsimilarity.report.BackingPlanText;
import org.example.virtsimilarity.report.ByteSizes;
import org.example.virtsimilarity.report.ExplanationText;
import org.example.virtsimilarity.report.JsonReport;
import org.example.virtsimilarity.report.ReportFormat;
import org.example.virtsimilarity.storage.BackingPlan;
import org.example.virtsimilarity.storage.BackingPlanner;
import org.example.virtsimilarity.storage.PlanWriter;
import org.example.virtsimilarity.storage.WrittenPlan;

/**
 * {@code virt-similarity [options] disk.img disk.img [disk.img ...]}: progress on stderr, the result on stdout (or
 * in the {@code --output} file, written whole or not at all). Exit status 0 on success, 1 on any error.
 */
public final class Main {
    static final String PROGRAM = "virt-similarity";
    /** Files each explanation lists below the cladogram; the JSON report has more. */
    private static final int TOP_FILES = 20;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int status = new Main(out, err).run(args);
        out.flush();
        System.exit(status);
    }

    int run(String... args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println("Try '" + PROGRAM + " --help' for more information.");
            return 1;
        }
        if (arguments.help()) {
            out.print(Arguments.USAGE);
            return 0;
        }
        if (arguments.version()) {
            out.println(PROGRAM + " " + version() + " (java)");
            return 0;
        }
        if (arguments.images().size() < 2) {
            err.println(PROGRAM + ": At least two disk images must be specified.");
            return 1;
        }
        try {
            StderrProgress progress = new StderrProgress(err, arguments.debug(), System.console() != null);
            if (arguments.backingPlan()) {
                plan(arguments, progress);
                return 0;
            }
            AnalysisOptions options = options(arguments);
            AnalysisResult result = SimilarityAnalysis.run(options, progress);
            if (arguments.debug()) {
                printDistances(result);
            }
            if (arguments.explain()) {
                print(arguments, explained(arguments, options, result, progress));
            } else if (arguments.output().isPresent()) {
                write(arguments, result, arguments.output().get());
            } else {
                out.print(arguments.format().render(result));
                out.flush();
            }
            return 0;
        } catch (SimilarityException e) {
            err.println(PROGRAM + ": " + e.getMessage() + e.remedy().map(Main::remedy).orElse(""));
            return 1;
        } catch (OutOfMemoryError e) {
            err.println(PROGRAM + ": out of memory (give Java a larger heap with -Xmx, e.g. through"
                    + " VIRT_SIMILARITY_JAVA_OPTS)");
            return 1;
        } catch (RuntimeException e) {
            // a bug, not bad input: one line, and the trace for a report with --debug
            err.println(PROGRAM + ": internal error: " + e);
            if (arguments.debug()) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** How a user of the command lifts what core refused. */
    private static String remedy(SimilarityException.Remedy remedy) {
        return switch (remedy) {
            case ALLOW_BACKING_FOLDER -> " (to allow a folder: --allow-backing-dir DIR)";
            case READ_THROUGH_QEMU -> " (use --reader auto)";
            case LARGER_BLOCKS_OR_HEAP -> " (use a larger --block-size, or a larger heap:"
                    + " VIRT_SIMILARITY_JAVA_OPTS=-Xmx...)";
            case WRITE_INTO_NON_EMPTY_FOLDER -> " (use --force to write into it)";
        };
    }

    /** {@code --backing-plan}: prints the plan, then with {@code --apply-to} builds it. */
    private void plan(Arguments arguments, StderrProgress progress) {
        AnalysisOptions options = options(arguments);
        List<ImageResult> images = ImageSigning.sign(options, progress);
        BackingPlan plan = BackingPlanner.plan(images.stream().map(ImageResult::signature).toList(),
                arguments.maxChain());
        String text = arguments.format() == ReportFormat.JSON ? BackingPlanJson.render(plan)
                : BackingPlanText.render(plan);
        print(arguments, text);
        if (arguments.applyTo().isPresent()) {
            WrittenPlan written = PlanWriter.write(plan, images, options, arguments.applyTo().get(),
                    arguments.force(), progress);
            err.println(PROGRAM + ": wrote " + written.files().size() + " files to " + written.folder()
                    + ", each identical to its disk by qemu-img compare: " + ByteSizes.format(written.allocatedBytes())
                    + " on disk (the plan: " + ByteSizes.format(plan.storedBytes()) + ")");
        }
    }

    /** The result with its explanations below, as text or JSON. */
    private static String explained(Arguments arguments, AnalysisOptions options, AnalysisResult result,
                                     StderrProgress progress) {
        List<ExplainRequest> requests = arguments.explainAgainst().map(name -> PairChoice.against(result, name)
                .orElseThrow(() -> new SimilarityException("--explain-against " + name + ": no disk image of that"
                        + " name is among the inputs"))).orElseGet(() -> PairChoice.nearest(result));
        List<Explanation> explanations = new GuestExplainer(options, List.of(), ExplainOptions.defaults()
                .withTimeLimit(arguments.explainTime()), progress).explain(requests);
        return arguments.format() == ReportFormat.JSON ? JsonReport.render(result, explanations)
                : arguments.format().render(result) + ExplanationText.render(explanations, TOP_FILES);
    }

    private void print(Arguments arguments, String text) {
        if (arguments.output().isPresent()) {
            Path file = arguments.output().get();
            try {
                AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SimilarityException(file, "cannot write: " + IoErrors.describe(e));
            }
        } else {
            out.print(text);
            out.flush();
        }
    }

    private static AnalysisOptions options(Arguments arguments) {
        AnalysisOptions.Builder options = AnalysisOptions.builder()
                .inputs(arguments.images())
                .algorithm(arguments.hash())
                .measure(arguments.measure())
                .blockSize(arguments.blockSize())
                .cacheEnabled(!arguments.noCache())
                .launchTimeout(arguments.launchTimeout())
                .reader(arguments.reader())
                .guestfsHandles(arguments.guestfsHandles())
                .inputFormat(arguments.inputFormat().orElse(null));
        arguments.allowedBackingDirs().forEach(options::allowBackingFolder);
        arguments.cacheDir().ifPresent(options::cacheDirectory);
        return options.build();
    }

    private static void write(Arguments arguments, AnalysisResult result, Path file) {
        try {
            arguments.format().write(result, file);
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot write: " + IoErrors.describe(e));
        }
    }

    private void printDistances(AnalysisResult result) {
        for (int i = 0; i < result.images().size(); i++) {
            for (int j = i + 1; j < result.images().size(); j++) {
                DistanceMatrix distances = result.distances();
                err.println("distance from " + result.images().get(i).path() + " to " + result.images().get(j).path()
                        + " = " + (distances.measure() == Measure.POSITION ? Integer.toString(distances.blocks(i, j))
                        : String.format(Locale.ROOT, "%.4f (content)", distances.divergence(i, j))));
            }
        }
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
