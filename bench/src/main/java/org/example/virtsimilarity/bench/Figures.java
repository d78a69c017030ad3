package org.example.virtsimilarity.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.example.virtsimilarity.cluster.Clustering;
import org.example.virtsimilarity.concurrent.Workers;
import org.example.virtsimilarity.distance.ContentComparison;
import org.example.virtsimilarity.distance.ContentDistances;
import org.example.virtsimilarity.distance.ContentSketch;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.distance.Distances;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.qcow2.Qcow2Reader;
import org.example.virtsimilarity.report.ByteSizes;
import org.example.virtsimilarity.raw.RawImageReader;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.Signer;
import org.example.virtsimilarity.storage.BackingPlan;
import org.example.virtsimilarity.storage.BackingPlanner;

/**
 * The figures of bench/run, each measured in one run on the machine at hand. {@code io WORK CLI_JAR} measures
 * reading and hashing on the images bench/run made in WORK; {@code scale} measures distances and clustering on
 * synthetic clone families (run it with -Xmx4g); {@code plan} plans backing files for synthetic fleets. Times are the
 * best of several runs after a warm-up.
 */
public final class Figures {
    private static final int RUNS = 3;
    private static final int SHORT_WARMUPS = 5;
    private static final int SHORT_RUNS = 10;
    private static final int CHUNK = 1 << 20;
    private static final ImageIdentity ID = new ImageIdentity("bench", "", "", 0, 0, "");

    private Figures() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("io")) {
            io(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        } else if (args.length == 1 && args[0].equals("plan")) {
            plan();
        } else if (args.length >= 1 && args[0].equals("scale")) {
            scale(args.length > 1 ? Integer.parseInt(args[1]) : 1000, args.length > 2 ? Integer.parseInt(args[2]) : 163_840,
                    args.length > 3 ? Integer.parseInt(args[3]) : 10_000);
        } else {
            System.err.println("usage: Figures io WORK CLI_JAR LAUNCHER | Figures scale [IMAGES BLOCKS CLUSTER_IMAGES]"
                    + " | Figures plan");
            System.exit(2);
        }
    }

    private static void io(Path work, Path cli, Path launcher) throws Exception {
        Path mixed = work.resolve("mixed.img");
        long size = Files.size(mixed);
        // runs of 0.1 s: the kernels need more than one warm-up to be compiled for good, so each of the three takes
        // the best of 5 after 3
        double plain = best(() -> plainRead(mixed, 2), 3, 5);
        double ours = best(() -> sign(new RawImageReader(mixed), HashAlgorithm.XXH128), 3, 5);
        report("1. raw %d MiB in page cache: ours (xxh128, 2 workers) %.0f MiB/s / plain 2-thread read %.0f MiB/s"
                + " = %.2f (target >= 0.6)", size >> 20, mib(size, ours), mib(size, plain), plain / ours);
        double content = best(() -> sign(new RawImageReader(mixed), HashAlgorithm.XXH128, true), 3, 5);
        report("1c. the same, content measure (positional digests and content fingerprints in one pass, each byte"
                + " hashed once) %.0f MiB/s / plain read = %.2f (target >= 0.5); / the position measure's = %.2f",
                mib(size, content), plain / content, ours / content);

        List<String> ratios = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            // runs of 20-70 ms: one warm-up leaves the qcow2 path half compiled, so these take more of both
            double full = best(() -> sign(new RawImageReader(work.resolve("full.img")), HashAlgorithm.XXH128),
                    SHORT_WARMUPS, SHORT_RUNS);
            double sparse = best(() -> sign(Qcow2Reader.open(BackingChain.of(work.resolve("sparse.qcow2"),
                    ImageFormat.QCOW2)), HashAlgorithm.XXH128), SHORT_WARMUPS, SHORT_RUNS);
            double allocated = best(() -> sign(new RawImageReader(work.resolve("allocated.img")),
                    HashAlgorithm.XXH128), SHORT_WARMUPS, SHORT_RUNS);
            ratios.add(String.format(Locale.ROOT, "%.4f s / %.4f s = %.3f (floor %.3f)", sparse, full, sparse / full,
                    allocated / full));
        }
        // the floor: hashing the allocated data alone, as a raw file of 205 MiB, against the same full raw image
        report("2. 20%%-allocated qcow2 / same content fully allocated raw, three rounds: %s (target <= 0.3 in each;"
                + " floor = its allocated data alone, as raw / full raw)", String.join("; ", ratios));
        for (String compression : List.of("zlib", "zstd")) {
            List<String> images = List.of(work.resolve(compression + "-a.qcow2").toString(),
                    work.resolve(compression + "-b.qcow2").toString());
            List<String> args = new ArrayList<>(List.of("--no-cache"));
            args.addAll(images);
            double command = best(() -> command(cli(cli, args.toArray(String[]::new))));
            // as users run it: the launcher maps the class-data archive its first run made
            Launcher installed = new Launcher(launcher, work.resolve("user-cache"));
            double launched = best(() -> installed.run(args));
            // as the Maven goal and the Jenkins step read them: in a JVM that has run before
            double inJvm = best(() -> {
                for (String image : images) {
                    sign(Qcow2Reader.open(BackingChain.of(Path.of(image), ImageFormat.QCOW2)), HashAlgorithm.XXH128);
                }
            });
            double qemu = best(() -> convertToTmpfs(images));
            report("2%s. two %s-compressed qcow2 (ext4 of a JDK, %d MiB stored), against qemu-img convert -O raw to"
                    + " tmpfs %.2f s: bin/virt-similarity %.2f s = %.2f, java -jar %.2f s = %.2f (JVM start included),"
                    + " in a warm JVM %.2f s = %.2f (target <= 0.5)", compression.equals("zlib") ? "a" : "b",
                    compression, storedMiB(images), qemu, launched, launched / qemu, command, command / qemu, inJvm,
                    inJvm / qemu);
        }

        double sha256sum = best(() -> command(List.of("sha256sum", mixed.toString())));
        double cliSha256 = best(() -> command(cli(cli, "--no-cache", "--hash", "sha256", mixed.toString(),
                mixed.toString()))) / 2;
        double cliDefault = best(() -> command(cli(cli, "--no-cache", mixed.toString(), mixed.toString()))) / 2;
        double inJvmSha256 = best(() -> sign(new RawImageReader(mixed), HashAlgorithm.SHA256));
        report("3. sha256sum %.2f s; the command per image (a run over the image twice, halved, JVM start"
                + " included): --hash sha256 %.2f s = %.1fx faster (target >= 1.8), default %.2f s = %.1fx faster"
                + " (target >= 4); in one warm JVM sha256 takes %.2f s = %.1fx", sha256sum, cliSha256,
                sha256sum / cliSha256, cliDefault, sha256sum / cliDefault, inJvmSha256, sha256sum / inJvmSha256);

        List<String> images = new ArrayList<>();
        try (var files = Files.list(work.resolve("ten"))) {
            files.sorted().forEach(image -> images.add(image.toString()));
        }
        // through the launcher users run (bin/virt-similarity), with a user cache of its own for its class-data archive
        // (its first analysing run, the cold runs' warm-up, makes the archive every later run maps)
        Launcher command = new Launcher(launcher, work.resolve("user-cache"));
        Path cold = work.resolve("cold-cache");
        double coldRun = best(() -> {
            deleteTree(cold);
            command.run(withCache(cold, images));
        });
        Path warmCache = work.resolve("cache");
        command.run(withCache(warmCache, images));
        double warm = best(() -> command.run(withCache(warmCache, images)));
        double start = best(() -> command.run(List.of("--version")));
        report("4. 10 images of 64 MiB, beyond JVM start (--version %.3f s): warm cache %.3f s, cold %.3f s, warm/cold"
                + " = %.3f (target: warm < 0.1 s)", start, warm - start, coldRun - start,
                (warm - start) / (coldRun - start));
    }

    /** bin/virt-similarity with its own user cache folder. */
    private record Launcher(Path script, Path userCache) {
        void run(List<String> args) throws Exception {
            List<String> command = new ArrayList<>(List.of(script.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("XDG_CACHE_HOME", userCache.toString());
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + command);
            }
        }
    }

    private static List<String> withCache(Path cache, List<String> images) {
        List<String> args = new ArrayList<>(List.of("--cache-dir", cache.toString()));
        args.addAll(images);
        return args;
    }

    /** What qemu-img takes to turn the images into raw files, one after the other, on tmpfs (no disk writes). */
    private static void convertToTmpfs(List<String> images) throws Exception {
        Path tmpfs = Files.createTempDirectory(Path.of("/dev/shm"), "virt-similarity-bench");
        try {
            for (String image : images) {
                command(List.of("qemu-img", "convert", "-O", "raw", image, tmpfs.resolve("out.raw").toString()));
                Files.delete(tmpfs.resolve("out.raw"));
            }
        } finally {
            deleteTree(tmpfs);
        }
    }

    private static long storedMiB(List<String> images) throws IOException {
        long bytes = 0;
        for (String image : images) {
            bytes += Files.size(Path.of(image));
        }
        return bytes >> 20;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void scale(int images, int blocks, int clusterImages) throws Exception {
        Random random = new Random(42);
        List<Signature> signatures = SyntheticFamilies.signatures(random, images / 20, 20, blocks, 0.02);
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        DistanceMatrix matrix = Distances.matrix(signatures, 2);
        double distances = (System.nanoTime() - start) / 1e9;
        report("5a. exact distances of %d signatures of %d blocks (%d families of 20, 2%% of blocks changed per"
                + " clone): %.1f s (target < 60), peak heap %d MiB of max %d MiB (target < 4096); d(0,1) = %d",
                images, blocks, images / 20, distances, peakHeapMiB(),
                Runtime.getRuntime().maxMemory() >> 20, matrix.blocks(0, 1));
        signatures = null;
        matrix = null;
        System.gc();
        DistanceMatrix big = SyntheticFamilies.matrix(random, clusterImages, 25);
        start = System.nanoTime();
        int root = Clustering.cluster(big).distance();
        report("5b. clustering %d images from their distance matrix: %.1f s (target < 60); root distance %d",
                clusterImages, (System.nanoTime() - start) / 1e9, root);
        big = null;
        System.gc();
        content(images);
    }

    /** The backing plan on synthetic signatures of 1 GiB images (16,384 blocks of 64 KiB, a quarter zero). */
    private static void plan() throws Exception {
        int blocks = 16_384;
        List<Signature> fleet = SyntheticFamilies.signatures(new Random(11), 50, 20, blocks, 0.02);
        DistanceMatrix matrix = Distances.matrix(fleet, 2);
        double tree = best(() -> BackingPlanner.plan(fleet, matrix, BackingPlanner.DEFAULT_MAX_CHAIN));
        double whole = best(() -> BackingPlanner.plan(fleet, BackingPlanner.DEFAULT_MAX_CHAIN));
        BackingPlan fleetPlan = BackingPlanner.plan(fleet, matrix, BackingPlanner.DEFAULT_MAX_CHAIN);
        report("7a. backing plan of 1,000 images of 1 GiB (50 families of 20, 2%% of blocks changed per clone):"
                + " %.2f s with their position distances, of which the tree and the depth bound %.3f s; %s -> %s"
                + " (%s)", whole, tree, ByteSizes.format(fleetPlan.aloneBytes()),
                ByteSizes.format(fleetPlan.storedBytes()), fleetPlan.optimal() ? "optimal" : "depth bound applied");
        List<Signature> clones = SyntheticFamilies.signatures(new Random(12), 1, 100, blocks, 0.02);
        BackingPlan plan = BackingPlanner.plan(clones, BackingPlanner.DEFAULT_MAX_CHAIN);
        int deepest = plan.images().stream().mapToInt(image -> image.depth()).max().orElse(0);
        report("7b. 100 synthetic clones of one 1 GiB template (clones of it and of each other, 2%% of blocks"
                + " changed each): %s as qcow2 files of their own, %s as overlays (%.1f %%), chains at most %d deep;"
                + " %s", ByteSizes.format(plan.aloneBytes()), ByteSizes.format(plan.storedBytes()),
                100.0 * plan.storedBytes() / plan.aloneBytes(), deepest, plan.optimal() ? "optimal"
                : "depth bound applied: " + plan.storedBlocks() + " blocks against at least " + plan.unboundedBlocks());
    }

    /** Content at fleet scale: an exact pair, then {@code images} images by sketch, checked against exact. */
    private static void content(int images) throws Exception {
        int chunks = ContentFamilies.TEN_GIB_CHUNKS;
        double exact = best(() -> ContentComparison.of(ContentFamilies.image(0, 1, chunks, 0.3),
                ContentFamilies.image(0, 2, chunks, 0.3)));
        long made = System.nanoTime();
        ContentFamilies.image(0, 1, chunks, 0.3);
        ContentFamilies.image(0, 2, chunks, 0.3);
        double making = (System.nanoTime() - made) / 1e9;
        report("6a. exact content divergence of a 10 GiB-equivalent pair (%d chunks each, sorting included): %.2f s,"
                + " of which %.2f s makes the two fingerprint lists (target < 2 s)", chunks, exact, making);

        System.gc();
        resetPeaks();
        int scale = ContentSketch.scaleFor(chunks, ContentDistances.SKETCH_TARGET);
        ContentSketch[] sketches = new ContentSketch[images];
        long start = System.nanoTime();
        Workers.forEach(images, 2, 1, "bench", i -> sketches[i] = ContentSketch.of(ContentFamilies.image(i / 50,
                i % 50, chunks, ContentFamilies.change(i % 50)), scale));
        double sketching = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        DistanceMatrix matrix = ContentDistances.fromSketches(List.of(sketches), 2);
        Clustering.cluster(matrix);
        double clustering = (System.nanoTime() - start) / 1e9;
        report("6b. content clustering of %d images of 10 GiB (families of 50, 1-40 %% of chunks their own):"
                + " sketches of 1/%d of the chunks %.1f s (fingerprints made on the fly included), distances and"
                + " clustering %.1f s, total %.1f s (target < 60); peak heap %d MiB (target < 4096)", images, scale,
                sketching, clustering, sketching + clustering, peakHeapMiB());

        Random random = new Random(7);
        double worst = 0;
        double sum = 0;
        int sameFamily = 0;
        for (int pair = 0; pair < 50; pair++) {
            // half the pairs within a family (where the answer is not simply 1), half at random
            int i = random.nextInt(images);
            int j = pair % 2 == 0 ? i / 50 * 50 + (i % 50 + 1 + random.nextInt(49)) % 50
                    : (i + 1 + random.nextInt(images - 1)) % images;
            sameFamily += i / 50 == j / 50 ? 1 : 0;
            double truth = ContentComparison.of(ContentFamilies.image(i / 50, i % 50, chunks,
                    ContentFamilies.change(i % 50)), ContentFamilies.image(j / 50, j % 50, chunks,
                    ContentFamilies.change(j % 50))).distance();
            double error = Math.abs(matrix.divergence(i, j) - truth) * 100;
            worst = Math.max(worst, error);
            sum += error;
        }
        report("6c. the sketch against exact on 50 pairs (%d within a family): largest error %.2f, mean %.2f"
                + " percentage points (target <= 1)", sameFamily, worst, sum / 50);
    }

    /** What a plain read costs: two threads, each reading its own 1 MiB chunks (as ours do) into a direct buffer. */
    private static void plainRead(Path file, int threads) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            AtomicLong next = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
                    try {
                        for (long offset = next.getAndAdd(CHUNK); offset < size; offset = next.getAndAdd(CHUNK)) {
                            buffer.clear();
                            long at = offset;
                            while (buffer.hasRemaining() && at < size) {
                                at += channel.read(buffer, at);
                            }
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
    }

    private static void sign(ImageReader reader, HashAlgorithm algorithm) throws Exception {
        sign(reader, algorithm, false);
    }

    private static void sign(ImageReader reader, HashAlgorithm algorithm, boolean content) throws Exception {
        try (reader) {
            new Signer(algorithm, 65536, 2, content).sign(reader, ID, done -> { });
        }
    }

    private static List<String> cli(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static void command(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }

    /** Seconds: {@code warmups} runs, then the best of {@code runs}. */
    private static double best(Task task, int warmups, int runs) throws Exception {
        for (int run = 0; run < warmups; run++) {
            task.run();
        }
        double best = Double.MAX_VALUE;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            task.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    /** Seconds: one warm-up, then the best of {@value #RUNS} runs. */
    private static double best(Task task) throws Exception {
        return best(task, 1, RUNS);
    }

    private static double mib(long bytes, double seconds) {
        return bytes / 1048576.0 / seconds;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static void report(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }
}
