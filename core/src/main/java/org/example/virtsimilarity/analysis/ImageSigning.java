package org.example.virtsimilarity.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.example.virtsimilarity.SimilarityException.Remedy;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.ImageResult.Origin;
import org.example.virtsimilarity.backing.BackingChains;
import org.example.virtsimilarity.cache.SignatureCache;
import org.example.virtsimilarity.concurrent.Workers;
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
import org.example.virtsimilarity.signature.DigestScheme;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;
import org.example.virtsimilarity.signature.Signer;

/**
 * Signs images, and only that: probes every input first (so bad input fails before any work), approves every file
 * each one names, takes what the cache and signature files have, and reads the rest (raw and qcow2 natively, other
 * formats through qemu-nbd, through libguestfs' appliances where asked). {@link SimilarityAnalysis} compares what this
 * returns; a CI agent can sign and ship the signatures alone.
 */
public final class ImageSigning {
    private final AnalysisOptions options;
    private final ProgressListener listener;
    private final Optional<SignatureCache> cache;

    /** One input on its way to a signature. */
    private static final class Input {
        final Path path;
        final DiskImage image;
        BackingChain chain;
        Route route;
        Signature signature;
        Origin origin;

        Input(Path path, DiskImage image) {
            this.path = path;
            this.image = image;
        }

        ImageResult result() {
            return new ImageResult(path, image.format(), image.formatStated(),
                    chain == null ? List.of() : chain.backingFiles(), signature, origin);
        }
    }

    private ImageSigning(AnalysisOptions options, ProgressListener listener) {
        this.options = options;
        this.listener = listener;
        this.cache = options.cacheDirectory().map(dir -> new SignatureCache(dir, listener::warning));
    }

    /** Signs every input, in the order given; every failure is a one-line {@link SimilarityException}. */
    public static List<ImageResult> sign(AnalysisOptions options, ProgressListener listener) {
        if (options.inputs().isEmpty()) {
            throw new SimilarityException("no disk images given");
        }
        return new ImageSigning(options, listener).sign();
    }

    private List<ImageResult> sign() {
        List<Input> inputs = options.inputs().stream().map(path -> new Input(path, probe(path))).toList();
        // every file an image refers to is approved before any is read, cached images' too
        inputs.stream().filter(input -> input.image.format() != ImageFormat.SIGNATURE).forEach(this::approveChain);
        inputs.stream().filter(input -> input.image.format() == ImageFormat.SIGNATURE).forEach(this::fromSignatureFile);
        // a signature file the content measure made has the run hash sectors too, so that its blocks compare
        boolean sectors = content() || inputs.stream()
                .anyMatch(input -> input.signature != null && input.signature.scheme() == DigestScheme.SECTOR_DIGESTS);
        List<Input> pending = new ArrayList<>();
        for (Input input : inputs) {
            if (input.signature == null && !fromCache(input, sectors)) {
                pending.add(input);
            }
        }
        if (!pending.isEmpty()) {
            read(pending, sectors);
        }
        return inputs.stream().map(Input::result).toList();
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
    private void approveChain(Input input) {
        input.chain = BackingChains.resolve(input.image, options.backingPolicy());
        if (!input.image.formatStated() && input.chain.hasOtherFiles()) {
            listener.warning(input.image.path() + ": format " + input.image.format() + " was told from the image's "
                    + "own bytes, and they make it read " + input.chain.otherFiles().stream().map(Path::toString)
                    .collect(Collectors.joining(", ")));
        }
    }

    private void fromSignatureFile(Input input) {
        Signature signature = SignatureFile.read(input.image.path(), options.algorithm(), options.blockSize(),
                content());
        String name = signature.name().isEmpty() ? input.image.name() : signature.name();
        input.signature = signature.withIdentity(signature.identity().withName(name));
        input.origin = Origin.SIGNATURE_FILE;
    }

    /** @param sectors whether the run makes content signatures ({@link DigestScheme#SECTOR_DIGESTS}) */
    private boolean fromCache(Input input, boolean sectors) {
        Optional<Signature> cached = cache.flatMap(c -> c.lookup(input.image, options.algorithm(),
                options.blockSize(), sectors));
        cached.ifPresent(signature -> {
            listener.cached(input.image);
            input.signature = signature;
            input.origin = Origin.CACHE;
        });
        return cached.isPresent();
    }

    /** Reads the images neither the cache nor a signature file had; a warm run never gets here. */
    private void read(List<Input> pending, boolean sectors) {
        // every image's route is settled (and checked) before any is read
        pending.forEach(input -> input.route = Route.of(input.image, input.chain, options.reader(), listener));
        Signer signer = new Signer(options.algorithm(), options.blockSize(), options.workers(), sectors);
        for (Input input : pending) {
            if (input.route != Route.LIBGUESTFS) {
                try (ImageReader reader = input.route.open(input.chain, options.launchTimeout())) {
                    signed(input, sign(signer, input.image, reader));
                } catch (IOException | Qcow2Exception e) {
                    throw readError(input.image, e);
                }
            }
        }
        readThroughGuestfs(pending.stream().filter(input -> input.route == Route.LIBGUESTFS).toList(), signer);
    }

    private void signed(Input input, Signature signature) {
        input.signature = signature;
        input.origin = Origin.READ;
        cache.ifPresent(c -> c.store(input.image, signature));
    }

    /** One wording for what goes wrong while an image is read, whichever reader read it. */
    static SimilarityException readError(DiskImage image, Exception e) {
        if (e instanceof Qcow2Exception) {
            return new SimilarityException(image.path(), "not a valid qcow2 image: " + e.getMessage());
        }
        if (e instanceof NbdException) {
            return new SimilarityException(image.path(), "cannot read through qemu-nbd: " + e.getMessage());
        }
        if (e instanceof GuestfsException) {
            return new SimilarityException(image.path(), "cannot read through libguestfs: " + e.getMessage());
        }
        return new SimilarityException(image.path(), "cannot read: " + (e instanceof IOException io
                ? IoErrors.describe(io) : e.getMessage()));
    }

    /**
     * Reads the images that need libguestfs, spread over up to {@link AnalysisOptions#guestfsHandles()} appliances
     * that run side by side (largest images first, each to the least loaded appliance).
     */
    private void readThroughGuestfs(List<Input> inputs, Signer signer) {
        if (inputs.isEmpty()) {
            return;
        }
        GuestfsLibrary library = GuestfsLibrary.locate().orElseThrow();
        int handles = Math.min(options.guestfsHandles(), inputs.size());
        List<List<Input>> groups = new ArrayList<>();
        long[] load = new long[handles];
        for (int h = 0; h < handles; h++) {
            groups.add(new ArrayList<>());
        }
        inputs.stream().sorted(Comparator.comparingLong((Input input) -> input.image.fileSize()).reversed())
                .forEach(input -> {
                    int lightest = 0;
                    for (int h = 1; h < handles; h++) {
                        lightest = load[h] < load[lightest] ? h : lightest;
                    }
                    groups.get(lightest).add(input);
                    load[lightest] += input.image.fileSize();
                });
        AtomicInteger next = new AtomicInteger();
        try {
            Workers.runAll(handles, "virt-similarity-libguestfs", failed -> {
                for (int g = next.getAndIncrement(); g < handles && !failed.getAsBoolean();
                        g = next.getAndIncrement()) {
                    readSession(library, groups.get(g), signer);
                }
            });
        } catch (IOException e) {
            throw new SimilarityException("cannot clean up after libguestfs: " + IoErrors.describe(e));
        }
    }

    /** One appliance for a group of images, each read in turn. */
    private void readSession(GuestfsLibrary library, List<Input> batch, Signer signer) throws IOException {
        listener.debug("starting a libguestfs appliance for " + batch.size() + " image(s) with " + library.jar());
        try (GuestfsSession session = openSession(library, batch)) {
            for (int k = 0; k < batch.size(); k++) {
                Input input = batch.get(k);
                try (ImageReader reader = session.reader(k)) {
                    signed(input, sign(signer, input.image, reader));
                } catch (GuestfsException e) {
                    throw readError(input.image, e);
                } catch (IOException e) {
                    throw new SimilarityException(input.image.path(), "cannot read through libguestfs: "
                            + IoErrors.describe(e));
                }
            }
        }
    }

    private GuestfsSession openSession(GuestfsLibrary library, List<Input> batch) {
        try {
            return GuestfsSession.open(library, batch.stream().map(input -> input.chain).toList(),
                    options.launchTimeout());
        } catch (GuestfsException | IOException e) {
            Path named = batch.size() == 1 ? batch.get(0).image.path() : null;
            throw new SimilarityException(named, "libguestfs could not open "
                    + (named == null ? batch.size() + " images" : "the image") + ": " + e.getMessage());
        }
    }

    private Signature sign(Signer signer, DiskImage image, ImageReader reader) throws IOException {
        listener.reading(image, reader.method());
        long start = System.nanoTime();
        long size = reader.size();
        checkSignatureFits(image, size);
        Signature signature = signer.sign(reader, ImageIdentity.of(image),
                done -> listener.progress(image, done, size));
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
                    + (bytes >> 20) + " MiB, more than half of the Java heap (" + (heap >> 20) + " MiB)",
                    Remedy.LARGER_BLOCKS_OR_HEAP);
        }
    }
}
