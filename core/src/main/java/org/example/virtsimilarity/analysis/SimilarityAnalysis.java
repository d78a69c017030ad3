package org.example.virtsimilarity.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.ImageResult.Origin;
import org.example.virtsimilarity.backing.BackingChains;
import org.example.virtsimilarity.cache.SignatureCache;
import org.example.virtsimilarity.cluster.Cladogram;
import org.example.virtsimilarity.cluster.Clustering;
import org.example.virtsimilarity.concurrent.Workers;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.distance.Distances;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.guestfs.GuestfsException;
import org.example.virtsimilarity.guestfs.GuestfsLibrary;
import org.example.virtsimilarity.guestfs.GuestfsSession;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageProbe;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.io.IoErrors;
import org.example.virtsimilarity.nbd.NbdException;
import org.example.virtsimilarity.qcow2.Qcow2Exception;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;
import org.example.virtsimilarity.signature.Signer;

/**
 * The engine's one entry point: probes every input first (so bad input fails before any work), takes what the cache
 * and signature files have, reads the rest (raw and qcow2 natively, other formats through qemu-nbd, libguestfs'
 * appliances where asked), then computes distances by the chosen measure and the cladogram.
 */
public final class SimilarityAnalysis {
    private final AnalysisOptions options;
    private final ProgressListener listener;

    private SimilarityAnalysis(AnalysisOptions options, ProgressListener listener) {
        this.options = options;
        this.listener = listener;
    }

    /** Runs an analysis; every failure is a one-line {@link SimilarityException}. */
    public static AnalysisResult run(AnalysisOptions options, ProgressListener listener) {
        if (options.inputs().isEmpty()) {
            throw new SimilarityException("no disk images given");
        }
        return new SimilarityAnalysis(options, listener).run();
    }

    private AnalysisResult run() {
        List<Path> inputs = options.inputs();
        List<DiskImage> images = inputs.stream().map(this::probe).toList();
        // every file an image refers to is approved before any is read, cached images' too
        BackingChain[] chains = new BackingChain[images.size()];
        for (int i = 0; i < images.size(); i++) {
            DiskImage image = images.get(i);
            if (image.format() != ImageFormat.SIGNATURE) {
                chains[i] = BackingChains.resolve(image, options.backingPolicy());
                reportProbedChain(image, chains[i]);
            }
        }

        Optional<SignatureCache> cache = options.cacheDirectory().map(dir -> new SignatureCache(dir, listener::warning));
        Signature[] signatures = new Signature[images.size()];
        Origin[] origins = new Origin[images.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            DiskImage image = images.get(i);
            if (image.format() == ImageFormat.SIGNATURE) {
                signatures[i] = readSignatureFile(image);
                origins[i] = Origin.SIGNATURE_FILE;
                continue;
            }
            Optional<Signature> cached = cache.flatMap(c -> c.lookup(image, options.algorithm(), options.blockSize(),
                    content()));
            if (cached.isPresent()) {
                listener.cached(image);
                signatures[i] = cached.get();
                origins[i] = Origin.CACHE;
            } else {
                pending.add(i);
            }
        }

        if (!pending.isEmpty()) {
            read(images, chains, pending, signatures, origins, cache);
        }

        List<ImageResult> results = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            results.add(new ImageResult(inputs.get(i), images.get(i).format(), images.get(i).formatStated(),
                    chains[i] == null ? List.of() : chains[i].backingFiles(), signatures[i], origins[i]));
        }
        DistanceMatrix distances = Distances.matrix(Arrays.asList(signatures), options.measure());
        listener.debug("distances computed for " + images.size() + " images");
        Cladogram tree = Clustering.cluster(distances);
        return new AnalysisResult(results, distances, tree, options.algorithm(), options.blockSize());
    }

    /** Reads the images neither the cache nor a signature file had; a warm run never gets here. */
    private void read(List<DiskImage> images, BackingChain[] chains, List<Integer> pending, Signature[] signatures,
                      Origin[] origins, Optional<SignatureCache> cache) {
        // every image's route is settled (and checked) before any is read
        List<Integer> hostReads = new ArrayList<>();
        List<Integer> guestfs = new ArrayList<>();
        Route[] routes = new Route[images.size()];
        for (int i : pending) {
            routes[i] = Route.of(images.get(i), chains[i], options.reader(), listener);
            (routes[i] == Route.LIBGUESTFS ? guestfs : hostReads).add(i);
        }

        Signer signer = new Signer(options.algorithm(), options.blockSize(), options.workers(), content());
        for (int i : hostReads) {
            DiskImage image = images.get(i);
            try (ImageReader reader = routes[i].open(chains[i], options.launchTimeout())) {
                signatures[i] = sign(signer, image, reader);
            } catch (NbdException e) {
                throw new SimilarityException(image.path(), "cannot read through qemu-nbd: " + e.getMessage());
            } catch (IOException e) {
                throw new SimilarityException(image.path(), "cannot read: " + e.getMessage());
            } catch (Qcow2Exception e) {
                throw new SimilarityException(image.path(), "not a valid qcow2 image: " + e.getMessage());
            }
            origins[i] = Origin.READ;
            cache.ifPresent(c -> c.store(image, signatures[i]));
        }
        readThroughGuestfs(images, chains, guestfs, signer, signatures, origins, cache);
    }

    private boolean content() {
        return options.measure() == Measure.CONTENT;
    }

    /** Checks one input; where the user confined inputs to a folder, before a byte of it is read. */
    private DiskImage probe(Path input) {
        options.confinement().ifPresent(folder -> requireInside(input, folder));
        return ImageProbe.probe(input, options.inputFormat().orElse(null));
    }

    private static void requireInside(Path input, Path folder) {
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new SimilarityException(folder, "cannot resolve the folder inputs are confined to: "
                    + IoErrors.describe(e));
        }
        Path real;
        try {
            real = input.toRealPath();
        } catch (IOException e) {
            // a missing or dangling input is reported as such by the probe, which opens nothing then
            return;
        }
        if (!real.startsWith(root)) {
            throw new SimilarityException(input, "resolves to " + real + ", outside " + folder
                    + ", the folder inputs are confined to");
        }
    }

    /** An image that chose its own format, and with it files besides itself, is worth a reviewer's look. */
    private void reportProbedChain(DiskImage image, BackingChain chain) {
        if (!image.formatStated() && chain.hasOtherFiles()) {
            listener.warning(image.path() + ": format " + image.format() + " was told from the image's own bytes, "
                    + "and they make it read " + chain.otherFiles().stream().map(Path::toString)
                    .collect(Collectors.joining(", ")));
        }
    }

    private Signature readSignatureFile(DiskImage image) {
        Signature signature = SignatureFile.read(image.path(), options.algorithm(), options.blockSize(), content());
        String name = signature.name().isEmpty() ? image.name() : signature.name();
        return signature.withIdentity(signature.identity().withName(name));
    }

    /**
     * Reads the images that need libguestfs, spread over up to {@link AnalysisOptions#guestfsHandles()} appliances
     * that run side by side (largest images first, each to the least loaded appliance).
     */
    private void readThroughGuestfs(List<DiskImage> images, BackingChain[] chains, List<Integer> indexes,
                                    Signer signer, Signature[] signatures, Origin[] origins,
                                    Optional<SignatureCache> cache) {
        if (indexes.isEmpty()) {
            return;
        }
        GuestfsLibrary library = GuestfsLibrary.locate().orElseThrow();
        int handles = Math.min(options.guestfsHandles(), indexes.size());
        List<List<Integer>> groups = new ArrayList<>();
        long[] load = new long[handles];
        for (int h = 0; h < handles; h++) {
            groups.add(new ArrayList<>());
        }
        indexes.stream().sorted((a, b) -> Long.compare(images.get(b).fileSize(), images.get(a).fileSize()))
                .forEach(i -> {
                    int lightest = 0;
                    for (int h = 1; h < handles; h++) {
                        lightest = load[h] < load[lightest] ? h : lightest;
                    }
                    groups.get(lightest).add(i);
                    load[lightest] += images.get(i).fileSize();
                });
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Workers.run(handles, "virt-similarity-libguestfs", () -> {
            for (int g = next.getAndIncrement(); g < handles && failure.get() == null; g = next.getAndIncrement()) {
                try {
                    readSession(library, images, chains, groups.get(g), signer, signatures, origins, cache);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void readSession(GuestfsLibrary library, List<DiskImage> images, BackingChain[] chains,
                             List<Integer> indexes, Signer signer, Signature[] signatures, Origin[] origins,
                             Optional<SignatureCache> cache) {
        List<DiskImage> batch = indexes.stream().map(images::get).toList();
        List<BackingChain> batchChains = indexes.stream().map(i -> chains[i]).toList();
        listener.debug("starting a libguestfs appliance for " + batch.size() + " image(s) with " + library.jar());
        try (GuestfsSession session = openSession(library, batch, batchChains)) {
            for (int k = 0; k < batch.size(); k++) {
                DiskImage image = batch.get(k);
                int i = indexes.get(k);
                try (ImageReader reader = session.reader(k)) {
                    signatures[i] = sign(signer, image, reader);
                } catch (IOException | GuestfsException e) {
                    throw new SimilarityException(image.path(), "cannot read through libguestfs: " + e.getMessage());
                }
                origins[i] = Origin.READ;
                cache.ifPresent(c -> c.store(image, signatures[i]));
            }
        } catch (IOException e) {
            throw new SimilarityException("cannot clean up after libguestfs: " + e.getMessage());
        }
    }

    private GuestfsSession openSession(GuestfsLibrary library, List<DiskImage> batch, List<BackingChain> chains) {
        try {
            return GuestfsSession.open(library, chains, options.launchTimeout());
        } catch (GuestfsException | IOException e) {
            Path named = batch.size() == 1 ? batch.get(0).path() : null;
            throw new SimilarityException(named, "libguestfs could not open "
                    + (named == null ? batch.size() + " images" : "the image") + ": " + e.getMessage());
        }
    }

    private Signature sign(Signer signer, DiskImage image, ImageReader reader) throws IOException {
        listener.reading(image, reader.method());
        long start = System.nanoTime();
        long size = reader.size();
        checkSignatureFits(image, size);
        Signature signature = signer.sign(reader, ImageIdentity.of(image), done -> listener.progress(image, done, size));
        listener.read(image, size, System.nanoTime() - start);
        return signature;
    }

    /** A hostile or mistaken virtual size must not exhaust the heap: refuse signatures over half of it. */
    private void checkSignatureFits(DiskImage image, long size) {
        long blocks = (size + options.blockSize() - 1) / options.blockSize();
        long bytes = blocks * options.algorithm().digestBytes();
        long heap = Runtime.getRuntime().maxMemory();
        if (blocks > Integer.MAX_VALUE / options.algorithm().words() || bytes > heap / 2) {
            throw new SimilarityException(image.path(), "virtual size of " + size + " bytes needs a signature of "
                    + (bytes >> 20) + " MiB, more than half of the Java heap (" + (heap >> 20)
                    + " MiB); use a larger --block-size or a larger heap");
        }
    }
}
