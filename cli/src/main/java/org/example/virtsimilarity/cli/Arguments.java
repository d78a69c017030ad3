package org.example.virtsimilarity.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.example.virtsimilarity.Defaults;
import org.example.virtsimilarity.analysis.ReaderChoice;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.explain.ExplainOptions;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.report.ReportFormat;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.storage.BackingPlanner;

/** The parsed command line. Options may come anywhere; {@code --} ends them; {@code --opt=value} works too. */
record Arguments(List<Path> images, boolean debug, boolean help, boolean version, ReportFormat format,
                 HashAlgorithm hash, int blockSize, Optional<Path> cacheDir, boolean noCache, Optional<Path> output,
                 Duration launchTimeout, ReaderChoice reader, int guestfsHandles, Optional<ImageFormat> inputFormat,
                 List<Path> allowedBackingDirs, Measure measure, boolean backingPlan, int maxChain,
                 Optional<Path> applyTo, boolean force, boolean explain, Optional<String> explainAgainst,
                 Duration explainTime) {

    static final String USAGE = """

            virt-similarity: Find clusters of similar/cloned virtual machines

            The reference manual is virt-similarity(1): man -l cli/target/virt-similarity.1
            beside the jar, or docs/virt-similarity.1 in the source tree.

            Usage:

              virt-similarity [options] disk.img disk.img [disk.img ...]

            You must supply at least two disk images.  You can supply disk
            images in most common formats (raw, qcow2, vmdk, etc.), and
            signature files (.vsig) written by an earlier run.

            Options:
              -d, --debug              Enable debugging
              -V, --version            Display version number and exit
              --format FORMAT          Output format: text (default), json, newick, csv
              --measure MEASURE        position (default): block positions that differ, as
                                       upstream counts them, for clones changed in place;
                                       content: data of one image whose content is not in
                                       the other, wherever it sits, for images rebuilt from
                                       scratch (1 - weighted Jaccard similarity)
              --hash HASH              Block hash: xxh128 (default), sha256, md5
              --block-size SIZE        Block size, a power of two from 4K to 1M (default 64K)
              --cache-dir DIR          Signature cache (default $XDG_CACHE_HOME/virt-similarity)
              --no-cache               Neither read nor write the signature cache
              -o, --output FILE        Write the result to FILE instead of standard output
              --input-format FORMAT    Read every disk as FORMAT (raw, qcow2, vmdk, ...) instead
                                       of telling it from the disk's first bytes (auto, the
                                       default). Other libguestfs tools call this --format;
                                       here --format is the output's. State it for disks
                                       whose content you do not control: a raw disk whose
                                       guest wrote a qcow2 header is then still read as raw
              --allow-backing-dir DIR  Backing files may also lie in DIR (repeatable). By
                                       default a backing file is read only if its name is
                                       relative and it lies in the folder of the image
                                       that names it
              --reader READER          auto (default: native for raw and qcow2, qemu-nbd
                                       for other formats), native, nbd, libguestfs
              --launch-timeout SECS    Give up on the libguestfs appliance after SECS (default 300)
              --guestfs-handles N      libguestfs appliances run side by side (default 2)
              --backing-plan           Print the tree of qcow2 backing files that stores the
                                       disks in the fewest bytes (text or json) instead of
                                       the cladogram
              --max-chain N            Backing chains of the plan at most N files deep
                                       (default 8)
              --apply-to DIR           Build the plan: DIR/NAME.qcow2 for every disk, each
                                       proven identical to its disk by qemu-img compare
              --force                  Write into a DIR that is not empty, replacing files
                                       of the same names
              --explain                Below the result, explain each disk against its
                                       nearest: partitions and file systems with their
                                       share of the divergence, files added, removed and
                                       changed (libguestfs; text or json)
              --explain-against NAME   Explain every other disk against the disk NAME
              --explain-time SECS      Give up on an explanation after SECS, marking it
                                       partial (default 600)
              -h, --help               Display this help and exit

            Exit status: 0 when the result was printed; 1 for a bad command line or any
            failure, with one line on standard error that names the file and the problem.
            Environment: LIBGUESTFS_BACKEND_SETTINGS, VIRT_SIMILARITY_GUESTFS_JAR and _JNI,
            VIRT_SIMILARITY_JAVA_OPTS, XDG_CACHE_HOME (see the manual).
            """;

    private static final Set<String> FLAGS = Set.of("--debug", "--version", "--help", "--no-cache",
            "--backing-plan", "--force", "--explain");

    /** Thrown for a command line that cannot be used; the message is one line. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static Arguments parse(String... args) throws UsageException {
        List<Path> images = new ArrayList<>();
        boolean debug = false;
        boolean help = false;
        boolean version = false;
        ReportFormat format = ReportFormat.TEXT;
        HashAlgorithm hash = HashAlgorithm.fromId(Defaults.HASH);
        int blockSize = Defaults.BLOCK_SIZE;
        Optional<Path> cacheDir = Optional.empty();
        boolean noCache = false;
        Optional<Path> output = Optional.empty();
        Duration launchTimeout = Duration.ofSeconds(300);
        ReaderChoice reader = ReaderChoice.AUTO;
        int guestfsHandles = 2;
        Optional<ImageFormat> inputFormat = Optional.empty();
        List<Path> allowedBackingDirs = new ArrayList<>();
        Measure measure = Measure.fromId(Defaults.COMMAND_MEASURE);
        boolean backingPlan = false;
        Integer maxChain = null;
        Optional<Path> applyTo = Optional.empty();
        boolean force = false;
        boolean explain = false;
        Optional<String> explainAgainst = Optional.empty();
        Duration explainTime = ExplainOptions.TIME_LIMIT;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                images.add(Path.of(arg));
                continue;
            }
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (inline != null && FLAGS.contains(name)) {
                throw new UsageException("option '" + name + "' takes no value");
            }
            switch (name) {
                case "--" -> optionsEnded = true;
                case "-d", "--debug" -> debug = true;
                case "-V", "--version" -> version = true;
                case "-h", "-help", "--help" -> help = true;
                case "--no-cache" -> noCache = true;
                case "--format" -> format = parse(name, inline != null ? inline : next(args, ++i, name),
                        Arguments::commandFormat);
                case "--measure" -> measure = parse(name, inline != null ? inline : next(args, ++i, name),
                        Measure::fromId);
                case "--hash" -> hash = parse(name, inline != null ? inline : next(args, ++i, name),
                        HashAlgorithm::fromId);
                case "--block-size" -> blockSize = parse(name, inline != null ? inline : next(args, ++i, name),
                        Arguments::size);
                case "--cache-dir" -> cacheDir = Optional.of(Path.of(inline != null ? inline : next(args, ++i, name)));
                case "-o", "--output" -> output = Optional.of(Path.of(inline != null ? inline : next(args, ++i, name)));
                case "--launch-timeout" -> launchTimeout = parse(name, inline != null ? inline : next(args, ++i, name),
                        text -> Duration.ofSeconds(positive(Long.parseLong(text))));
                case "--reader" -> reader = parse(name, inline != null ? inline : next(args, ++i, name),
                        ReaderChoice::fromId);
                case "--guestfs-handles" -> guestfsHandles = parse(name, inline != null ? inline
                        : next(args, ++i, name), text -> (int) positive(Integer.parseInt(text)));
                case "--input-format" -> inputFormat = parse(name, inline != null ? inline : next(args, ++i, name),
                        ImageFormat::parseStated);
                case "--allow-backing-dir" -> allowedBackingDirs.add(Path.of(inline != null ? inline
                        : next(args, ++i, name)));
                case "--backing-plan" -> backingPlan = true;
                case "--max-chain" -> maxChain = parse(name, inline != null ? inline : next(args, ++i, name),
                        text -> (int) notNegative(Integer.parseInt(text)));
                case "--apply-to" -> applyTo = Optional.of(Path.of(inline != null ? inline : next(args, ++i, name)));
                case "--force" -> force = true;
                case "--explain" -> explain = true;
                case "--explain-against" -> {
                    explain = true;
                    explainAgainst = Optional.of(inline != null ? inline : next(args, ++i, name));
                }
                case "--explain-time" -> explainTime = parse(name, inline != null ? inline : next(args, ++i, name),
                        text -> Duration.ofSeconds(positive(Long.parseLong(text.trim()))));
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        requireBackingPlan(backingPlan, maxChain != null ? "--max-chain" : applyTo.isPresent() ? "--apply-to"
                : force ? "--force" : null);
        if (force && applyTo.isEmpty()) {
            throw new UsageException("option '--force' needs --apply-to");
        }
        if (backingPlan && format != ReportFormat.TEXT && format != ReportFormat.JSON) {
            throw new UsageException("--backing-plan prints text or json, not " + format.id());
        }
        if (backingPlan && measure != Measure.POSITION) {
            throw new UsageException("--backing-plan compares block positions, as qcow2 overlays store blocks;"
                    + " leave out --measure " + measure.id());
        }
        if (explain && format != ReportFormat.TEXT && format != ReportFormat.JSON) {
            throw new UsageException("--explain prints with --format text or json, not " + format.id());
        }
        if (explain && backingPlan) {
            throw new UsageException("--explain explains the cladogram's images; leave out --backing-plan");
        }
        return new Arguments(List.copyOf(images), debug, help, version, format, hash, blockSize, cacheDir, noCache,
                output, launchTimeout, reader, guestfsHandles, inputFormat, List.copyOf(allowedBackingDirs), measure,
                backingPlan, maxChain != null ? maxChain : BackingPlanner.DEFAULT_MAX_CHAIN, applyTo, force, explain,
                explainAgainst, explainTime);
    }

    private static void requireBackingPlan(boolean backingPlan, String option) throws UsageException {
        if (!backingPlan && option != null) {
            throw new UsageException("option '" + option + "' needs --backing-plan");
        }
    }

    private static String next(String[] args, int i, String name) throws UsageException {
        if (i >= args.length) {
            throw new UsageException("option '" + name + "' needs a value");
        }
        return args[i];
    }

    /** A parser of an option's value that may reject it with an {@link IllegalArgumentException}. */
    private interface ValueParser<T> {
        T parse(String text);
    }

    private static <T> T parse(String name, String text, ValueParser<T> parser) throws UsageException {
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            String reason = e instanceof NumberFormatException ? "not a number" : e.getMessage();
            throw new UsageException(name + " " + text + ": " + reason);
        }
    }

    private static long notNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return value;
    }

    private static long positive(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return value;
    }

    /** A format the command writes: an HTML report needs a build gate's verdicts. */
    private static ReportFormat commandFormat(String id) {
        List<ReportFormat> writable = Arrays.stream(ReportFormat.values()).filter(ReportFormat::rendersAnalysis)
                .toList();
        return writable.stream().filter(format -> format.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + id + "' (choose one of "
                        + writable.stream().map(ReportFormat::id).collect(Collectors.joining(", "))
                        + "; an HTML report comes from the build gate, the Maven goal or the Jenkins step)"));
    }

    /** Parses 65536, 64K, 64k, 64KiB, 1M. */
    static int size(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long multiplier = 1;
        if (upper.endsWith("K")) {
            multiplier = 1024;
        } else if (upper.endsWith("M")) {
            multiplier = 1024 * 1024;
        }
        String digits = multiplier == 1 ? upper : upper.substring(0, upper.length() - 1);
        long value = Long.parseLong(digits) * multiplier;
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too large");
        }
        Signature.checkBlockSize((int) value);
        return (int) value;
    }
}
