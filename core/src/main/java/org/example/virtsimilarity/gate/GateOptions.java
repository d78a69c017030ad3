package org.example.virtsimilarity.gate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.baseline.BaselineName;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.explain.ExplainOptions;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.inputs.ImagePatterns;
import org.example.virtsimilarity.report.ReportFormat;
import org.example.virtsimilarity.verdict.GateRules;
import org.example.virtsimilarity.verdict.Thresholds;

/**
 * What a build-gate run does: which images (paths or Ant-style patterns under a base folder), against which
 * baseline, with which thresholds, and where its reports go. Immutable; made by {@link #builder(Path)}.
 */
public final class GateOptions {
    /** The history file's name in the output directory when no other is given. */
    public static final String HISTORY_FILE = "history.jsonl";
    /** A gate measures content: image factories rebuild their images, which moves every file. */
    public static final Measure DEFAULT_MEASURE = Measure.fromId(Defaults.GATE_MEASURE);

    private final Path baseDirectory;
    private final List<String> images;
    private final AnalysisOptions analysis;
    private final Path baseline;
    private final BaselineName baselineName;
    private final GateRules rules;
    private final Path outputDirectory;
    private final Set<ReportFormat> formats;
    private final Path historyFile;
    private final History history;
    private final String label;
    private final Instant time;
    private final ExplainScope explain;
    private final ExplainOptions explainOptions;

    private GateOptions(Builder builder) {
        this.baseDirectory = builder.baseDirectory;
        this.images = List.copyOf(builder.images);
        this.analysis = builder.analysis;
        this.baseline = builder.baseline == null ? null : baseDirectory.resolve(builder.baseline);
        this.baselineName = builder.baselineName;
        this.rules = new GateRules(builder.thresholds, builder.accepted, builder.failOnMissingBaseline);
        this.outputDirectory = baseDirectory.resolve(Objects.requireNonNull(builder.outputDirectory,
                "output directory"));
        this.formats = Set.copyOf(builder.formats);
        this.history = builder.history;
        if (history != null) {
            this.historyFile = null;
        } else {
            this.historyFile = builder.historyFile == null ? outputDirectory.resolve(HISTORY_FILE)
                    : baseDirectory.resolve(builder.historyFile);
        }
        this.label = builder.label;
        this.time = builder.time;
        this.explain = builder.explain;
        this.explainOptions = builder.explainOptions;
    }

    /** Options whose relative paths are relative to {@code baseDirectory} (a project or a workspace). */
    public static Builder builder(Path baseDirectory) {
        return new Builder(baseDirectory);
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    /** Image paths and patterns, relative to the base directory. */
    public List<String> images() {
        return images;
    }

    /** How images are read and hashed; its inputs are ignored (the images are). */
    /**
     * Whether the images name no file at all: every one is a pattern that matches nothing, as in a module of a
     * reactor that makes no images (a plain path counts as naming one, so that a missing image is reported).
     */
    public boolean namesNoImage() {
        return ImagePatterns.matchesNothing(baseDirectory, images);
    }

    public AnalysisOptions analysis() {
        return analysis;
    }

    public Optional<Path> baseline() {
        return Optional.ofNullable(baseline);
    }

    /** How images find their signature in a baseline folder. */
    public BaselineName baselineName() {
        return baselineName;
    }

    /** The thresholds, the accepted images and what a missing baseline does. */
    public GateRules rules() {
        return rules;
    }

    public Thresholds thresholds() {
        return rules.thresholds();
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    public Set<ReportFormat> formats() {
        return formats;
    }

    /** The file the history is read from and appended to; empty when the caller keeps it (see {@link #history()}). */
    public Optional<Path> historyFile() {
        return Optional.ofNullable(historyFile);
    }

    /** The earlier runs, when the caller keeps them itself (a CI server, in its builds) instead of in a file. */
    public History history() {
        return history == null ? History.empty() : history;
    }

    /** What this run is called in the history (a build number, a version); empty for its run number. */
    public String label() {
        return label;
    }

    public Instant time() {
        return time;
    }

    /** Which images are explained against their baseline. */
    public ExplainScope explain() {
        return explain;
    }

    public ExplainOptions explainOptions() {
        return explainOptions;
    }

    /**
     * Where a baseline image found through its signature's recorded path may be for an explanation to open it: the
     * base folder, and the baseline's own folder.
     */
    public List<Path> explainFolders() {
        List<Path> folders = new ArrayList<>(List.of(baseDirectory));
        baseline().map(path -> Files.isDirectory(path) ? path : path.toAbsolutePath().getParent())
                .ifPresent(folders::add);
        return List.copyOf(folders);
    }

    public static final class Builder {
        private final Path baseDirectory;
        private final List<String> images = new ArrayList<>();
        private AnalysisOptions analysis = AnalysisOptions.builder().measure(DEFAULT_MEASURE).build();
        private Path baseline;
        private BaselineName baselineName = BaselineName.EXACT;
        private Thresholds thresholds = Thresholds.NONE;
        private final Set<String> accepted = new LinkedHashSet<>();
        private boolean failOnMissingBaseline;
        private Path outputDirectory;
        private Set<ReportFormat> formats = EnumSet.copyOf(ReportFormat.GATE_DEFAULTS);
        private Path historyFile;
        private History history;
        private String label = "";
        private Instant time = Instant.now();
        private ExplainScope explain = ExplainScope.NEVER;
        private ExplainOptions explainOptions = ExplainOptions.defaults();

        private Builder(Path baseDirectory) {
            this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        }

        public Builder images(List<String> pathsAndPatterns) {
            images.addAll(pathsAndPatterns);
            return this;
        }

        public Builder analysis(AnalysisOptions value) {
            this.analysis = Objects.requireNonNull(value);
            return this;
        }

        /** An image, a {@code .vsig} file, or a folder of signatures from an earlier run; {@code null} for none. */
        public Builder baseline(Path value) {
            this.baseline = value;
            return this;
        }

        /** How images find their signature in a baseline folder; {@link BaselineName#EXACT} by default. */
        public Builder baselineName(BaselineName value) {
            this.baselineName = Objects.requireNonNull(value);
            return this;
        }

        public Builder thresholds(Thresholds value) {
            this.thresholds = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Images whose crossing of a threshold a person accepts for this run ({@value GateRules#ALL} for all): they
         * pass, and their signature of this run becomes their baseline.
         */
        public Builder accept(Collection<String> names) {
            names.stream().map(String::trim).filter(name -> !name.isEmpty()).forEach(accepted::add);
            return this;
        }

        /** Whether an image that finds no signature in a given baseline fails the run (it passes by default). */
        public Builder failOnMissingBaseline(boolean value) {
            this.failOnMissingBaseline = value;
            return this;
        }

        public Builder outputDirectory(Path value) {
            this.outputDirectory = Objects.requireNonNull(value);
            return this;
        }

        public Builder formats(Set<ReportFormat> value) {
            this.formats = EnumSet.noneOf(ReportFormat.class);
            this.formats.addAll(value);
            return this;
        }

        /** Where the history is kept; {@code null} for {@value #HISTORY_FILE} in the output directory. */
        public Builder historyFile(Path value) {
            this.historyFile = value;
            return this;
        }

        /** The earlier runs, kept by the caller: no history file is read or written. */
        public Builder history(History value) {
            this.history = Objects.requireNonNull(value);
            return this;
        }

        public Builder label(String value) {
            this.label = value == null ? "" : value;
            return this;
        }

        public Builder time(Instant value) {
            this.time = Objects.requireNonNull(value);
            return this;
        }

        /** Which images to explain; none by default here, {@value ExplainScope#DEFAULT} in the build tools. */
        public Builder explain(ExplainScope value) {
            this.explain = Objects.requireNonNull(value);
            return this;
        }

        public Builder explainOptions(ExplainOptions value) {
            this.explainOptions = Objects.requireNonNull(value);
            return this;
        }

        public GateOptions build() {
            return new GateOptions(this);
        }
    }
}
