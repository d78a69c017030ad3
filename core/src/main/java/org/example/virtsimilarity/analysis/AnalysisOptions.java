package org.example.virtsimilarity.analysis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.backing.BackingPolicy;
import org.example.virtsimilarity.cache.SignatureCache;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.Signature;

/** What to analyse and how. Immutable; made by {@link #builder()}. */
public final class AnalysisOptions {
    private final List<Path> inputs;
    private final HashAlgorithm algorithm;
    private final int blockSize;
    private final Path cacheDirectory;
    private final boolean cacheEnabled;
    private final Duration launchTimeout;
    private final int workers;
    private final ReaderChoice reader;
    private final int guestfsHandles;
    private final ImageFormat inputFormat;
    private final BackingPolicy backingPolicy;
    private final Path confinement;
    private final Measure measure;

    private AnalysisOptions(Builder builder) {
        this.inputs = List.copyOf(builder.inputs);
        this.algorithm = builder.algorithm;
        this.blockSize = builder.blockSize;
        this.cacheDirectory = builder.cacheDirectory;
        this.cacheEnabled = builder.cacheEnabled;
        this.launchTimeout = builder.launchTimeout;
        this.workers = builder.workers;
        this.reader = builder.reader;
        this.guestfsHandles = builder.guestfsHandles;
        this.inputFormat = builder.inputFormat;
        this.backingPolicy = builder.backingPolicy;
        this.confinement = builder.confinement;
        this.measure = builder.measure;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Disk images and signature files, in the order they are reported. */
    public List<Path> inputs() {
        return inputs;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Where the cache lives, or empty when caching is off. */
    public Optional<Path> cacheDirectory() {
        return cacheEnabled ? Optional.of(cacheDirectory) : Optional.empty();
    }

    /** How long the libguestfs appliance may take to start, and how long a stream of it may stall. */
    public Duration launchTimeout() {
        return launchTimeout;
    }

    /** Threads that read and hash one random-access image. */
    public int workers() {
        return workers;
    }

    /** Which readers may be used. */
    public ReaderChoice reader() {
        return reader;
    }

    /** libguestfs appliances run side by side when several images need one (each takes about 1.3 GB). */
    public int guestfsHandles() {
        return guestfsHandles;
    }

    /**
     * The format every input is read as, where the user stated it; empty to tell each input's format from its first
     * bytes (convenient, but then the image's author chooses how it is read).
     */
    public Optional<ImageFormat> inputFormat() {
        return Optional.ofNullable(inputFormat);
    }

    /** Which files besides the inputs themselves an image may make us read. */
    public BackingPolicy backingPolicy() {
        return backingPolicy;
    }

    /** The folder every input must resolve into, links followed (a CI workspace), or empty for anywhere. */
    public Optional<Path> confinement() {
        return Optional.ofNullable(confinement);
    }

    /** What distances measure; {@link Measure#CONTENT} also makes every signature carry content fingerprints. */
    public Measure measure() {
        return measure;
    }

    /** The same settings for other inputs (a baseline image is read exactly as the images it is compared with). */
    public AnalysisOptions withInputs(List<Path> paths) {
        Builder copy = builder().algorithm(algorithm).blockSize(blockSize).cacheDirectory(cacheDirectory)
                .cacheEnabled(cacheEnabled).launchTimeout(launchTimeout).workers(workers).reader(reader)
                .guestfsHandles(guestfsHandles).inputFormat(inputFormat).backingPolicy(backingPolicy)
                .confineTo(confinement).measure(measure);
        return copy.inputs(paths).build();
    }

    public static final class Builder {
        private final List<Path> inputs = new ArrayList<>();
        private HashAlgorithm algorithm = HashAlgorithm.fromId(Defaults.HASH);
        private int blockSize = Signature.DEFAULT_BLOCK_SIZE;
        private Path cacheDirectory = SignatureCache.defaultDirectory();
        private boolean cacheEnabled = true;
        private Duration launchTimeout = Duration.ofMinutes(5);
        private int workers = Math.min(2, Runtime.getRuntime().availableProcessors());
        private ReaderChoice reader = ReaderChoice.AUTO;
        private int guestfsHandles = 2;
        private ImageFormat inputFormat;
        private BackingPolicy backingPolicy = BackingPolicy.imageFolderOnly();
        private Path confinement;
        private Measure measure = Measure.fromId(Defaults.COMMAND_MEASURE);

        private Builder() {
        }

        public Builder measure(Measure value) {
            this.measure = Objects.requireNonNull(value);
            return this;
        }

        public Builder input(Path path) {
            inputs.add(Objects.requireNonNull(path));
            return this;
        }

        public Builder inputs(List<Path> paths) {
            paths.forEach(this::input);
            return this;
        }

        public Builder algorithm(HashAlgorithm value) {
            this.algorithm = Objects.requireNonNull(value);
            return this;
        }

        /** A power of two from 4 KiB to 1 MiB. */
        public Builder blockSize(int value) {
            Signature.checkBlockSize(value);
            this.blockSize = value;
            return this;
        }

        public Builder cacheDirectory(Path value) {
            this.cacheDirectory = Objects.requireNonNull(value);
            return this;
        }

        public Builder cacheEnabled(boolean value) {
            this.cacheEnabled = value;
            return this;
        }

        public Builder launchTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("launch timeout must be positive");
            }
            this.launchTimeout = value;
            return this;
        }

        public Builder workers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = value;
            return this;
        }

        public Builder reader(ReaderChoice value) {
            this.reader = Objects.requireNonNull(value);
            return this;
        }

        public Builder guestfsHandles(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("guestfs handles must be at least 1");
            }
            this.guestfsHandles = value;
            return this;
        }

        /** The format of every input, or null to probe each. */
        public Builder inputFormat(ImageFormat value) {
            this.inputFormat = value;
            return this;
        }

        public Builder backingPolicy(BackingPolicy value) {
            this.backingPolicy = Objects.requireNonNull(value);
            return this;
        }

        /** Backing files (and other files images name) inside {@code folder} may be read too. */
        public Builder allowBackingFolder(Path folder) {
            this.backingPolicy = backingPolicy.allowing(folder);
            return this;
        }

        /** Every input must resolve, links followed, inside {@code folder}; null for no confinement. */
        public Builder confineTo(Path folder) {
            this.confinement = folder == null ? null : folder.toAbsolutePath().normalize();
            return this;
        }

        public AnalysisOptions build() {
            return new AnalysisOptions(this);
        }
    }
}
