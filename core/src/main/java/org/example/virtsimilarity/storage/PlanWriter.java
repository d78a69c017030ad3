package org.example.virtsimilarity.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.SimilarityException.Remedy;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.backing.BackingChains;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageProbe;
import org.example.virtsimilarity.io.IoErrors;
import org.example.virtsimilarity.qemu.QemuImgCheck;
import org.example.virtsimilarity.qemu.QemuImgRun;
import org.example.virtsimilarity.qemu.QemuImgRun.Outcome;

/**
 * Builds a {@link BackingPlan} as {@code NAME.qcow2} files in a folder, with qemu-img. An image that stands alone is
 * converted whole (zero blocks left out); an overlay is made empty over its original and rebased onto its planned
 * parent by a relative name, which writes exactly the blocks where the two differ. qemu is handed each original as its
 * approved chain spelled out, so it opens no file an image names on its own. Every file is proven identical to its
 * original with {@code qemu-img compare}.
 *
 * <p>All files are made in a hidden staging folder inside the output folder and moved in, parents first, only when
 * all are proven: a failure leaves the folder as it was (a folder this made is removed again), a killed run at most
 * the hidden folder. The originals are only read.
 */
public final class PlanWriter {
    /** The longest backing file name a qcow2 header holds. */
    private static final int LONGEST_BACKING_NAME = 1023;
    /** qemu-img's time limit: five minutes, and one second more per 16 MiB of the image. */
    private static final Duration BASE_LIMIT = Duration.ofMinutes(5);
    private static final long BYTES_PER_SECOND = 16L << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BackingPlan plan;
    private final List<ImageResult> images;
    private final List<BackingChain> chains;
    private final List<String> names;
    private final Path folder;
    private final ProgressListener listener;
    private volatile Process running;

    private PlanWriter(BackingPlan plan, List<ImageResult> images, List<BackingChain> chains, List<String> names,
                       Path folder, ProgressListener listener) {
        this.plan = plan;
        this.images = images;
        this.chains = chains;
        this.names = names;
        this.folder = folder;
        this.listener = listener;
    }

    /**
     * Writes the plan of {@code images} into {@code folder}, made if missing. A folder that holds files is refused
     * unless {@code intoNonEmpty} (files of the same names are then replaced), and so is any file name that would
     * replace one of the images or a file it is read from. {@code reading} says how the images were read (their stated
     * format and backing-file policy), so that qemu reads them the same way. Every failure is a one-line
     * {@link SimilarityException} naming the image, after which nothing is left written.
     */
    public static WrittenPlan write(BackingPlan plan, List<ImageResult> images, AnalysisOptions reading, Path folder,
                                    boolean intoNonEmpty, ProgressListener listener) {
        if (plan.images().size() != images.size()) {
            throw new IllegalArgumentException(plan.images().size() + " planned images for " + images.size());
        }
        for (ImageResult image : images) {
            if (image.format() == ImageFormat.SIGNATURE) {
                throw new SimilarityException(image.path(), "is a signature file, which holds no disk to write; "
                        + "build the plan from the images themselves");
            }
        }
        if (!QemuImgCheck.isAvailable()) {
            throw new SimilarityException("building a backing plan needs qemu-img (install qemu-utils)");
        }
        List<String> names = OutputNames.of(images.stream().map(ImageResult::path).toList());
        Path target = folder.toAbsolutePath().normalize();
        requireUsableFolder(target, intoNonEmpty);
        List<BackingChain> chains = images.stream().map(image -> BackingChains.resolve(ImageProbe.probe(image.path(),
                reading.inputFormat().orElse(null)), reading.backingPolicy())).toList();
        requireNoInputReplaced(target, images, chains, names);
        return new PlanWriter(plan, images, chains, names, target, listener).write();
    }

    private WrittenPlan write() {
        boolean made = !Files.exists(folder);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new SimilarityException(folder, "cannot make the folder: " + IoErrors.describe(e));
        }
        List<Path> moved = new ArrayList<>();
        try (StagingFolder staging = StagingFolder.in(folder, this::stopRunning)) {
            long allocated = 0;
            for (int i : plan.buildOrder()) {
                allocated += build(i, staging.path());
            }
            for (int i : plan.buildOrder()) {
                moved.add(moveIn(staging.path().resolve(names.get(i))));
            }
            return new WrittenPlan(folder, names.stream().map(folder::resolve).toList(), allocated);
        } catch (RuntimeException e) {
            undo(moved, made);
            throw e;
        }
    }

    /** Makes and proves image i's file in the staging folder; returns the bytes it takes on disk. */
    private long build(int i, Path staging) {
        PlannedImage planned = plan.images().get(i);
        BackingChain chain = chains.get(i);
        Path file = staging.resolve(names.get(i));
        String original = chain.qemuSpec();
        Duration limit = BASE_LIMIT.plusSeconds(images.get(i).signature().imageSize() / BYTES_PER_SECOND);
        String clusters = "cluster_size=" + plan.blockSize();
        if (planned.standsAlone()) {
            listener.writing(folder.resolve(names.get(i)), "alone");
            qemuImg(i, limit, "convert", "-q", "-O", "qcow2", "-o", clusters, original, file.toString());
        } else {
            String parent = names.get(planned.parent());
            listener.writing(folder.resolve(names.get(i)), "over " + parent);
            if (original.length() > LONGEST_BACKING_NAME) {
                throw new SimilarityException(images.get(i).path(), "its files' paths spelled out for qemu take "
                        + original.length() + " bytes, more than the " + LONGEST_BACKING_NAME + " a qcow2 backing "
                        + "file name may have; move it to a shorter path");
            }
            qemuImg(i, limit, "create", "-q", "-f", "qcow2", "-o", clusters, "-b", original, "-F",
                    chain.top().format().qemuName(), file.toString());
            // relative: the parent is found beside the overlay, wherever the folder is moved
            qemuImg(i, limit, "rebase", "-q", "-f", "qcow2", "-b", parent, "-F", "qcow2", file.toString());
        }
        Outcome compare = QemuImgRun.run(images.get(i).path(), limit, List.of("compare", "-q", "-f", "qcow2",
                file.toString(), original), this::started);
        if (compare.exitCode() == 1) {
            throw new SimilarityException(images.get(i).path(), "qemu-img compare finds that " + names.get(i)
                    + " does not read as the image does; nothing was written");
        }
        if (compare.exitCode() != 0) {
            throw failed(i, "compare", compare);
        }
        Outcome info = qemuImg(i, BASE_LIMIT, "info", "--output=json", "-f", "qcow2", file.toString());
        try {
            JsonNode size = MAPPER.readTree(info.output()).path("actual-size");
            if (size.canConvertToLong()) {
                return size.asLong();
            }
        } catch (IOException e) {
            // answered below, as any answer without a size
        }
        throw new SimilarityException(images.get(i).path(), "qemu-img info gives no size for " + names.get(i));
    }

    /** Runs qemu-img about image i; a failure names the image and what qemu-img said. */
    private Outcome qemuImg(int i, Duration limit, String... arguments) {
        Outcome outcome = QemuImgRun.run(images.get(i).path(), limit, List.of(arguments), this::started);
        if (outcome.exitCode() != 0) {
            throw failed(i, arguments[0], outcome);
        }
        return outcome;
    }

    /** qemu names the original by its spelled-out chain; the message names it as the user did. */
    private SimilarityException failed(int i, String step, Outcome outcome) {
        String original = chains.get(i).qemuSpec();
        String reason = outcome.lastLine().replaceFirst("^qemu-img: ", "").replace("'" + original + "'", "it")
                .replace(original, "it");
        return new SimilarityException(images.get(i).path(), "qemu-img " + step + " failed: "
                + (reason.length() > 300 ? reason.substring(0, 300) + "..." : reason) + "; nothing was written");
    }

    private void started(Process process) {
        running = process;
    }

    private void stopRunning() {
        Process process = running;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private Path moveIn(Path staged) {
        Path target = folder.resolve(staged.getFileName());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new SimilarityException(target, "cannot move into place: " + IoErrors.describe(e));
        }
    }

    /** After a failure: the files already moved in go, and the folder too where this run made it. */
    private void undo(List<Path> moved, boolean made) {
        try {
            for (Path file : moved) {
                Files.deleteIfExists(file);
            }
            if (made) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            // the failure that brought us here is the one to report
        }
    }

    private static void requireUsableFolder(Path folder, boolean intoNonEmpty) {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new SimilarityException(folder, "is not a folder");
        }
        if (!intoNonEmpty) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                if (entries.iterator().hasNext()) {
                    throw new SimilarityException(folder, "is not empty; nothing was written",
                            Remedy.WRITE_INTO_NON_EMPTY_FOLDER);
                }
            } catch (IOException e) {
                throw new SimilarityException(folder, "cannot list the folder: " + IoErrors.describe(e));
            }
        }
    }

    /** A file written must never take the place of an image, or of a file an image is read from. */
    private static void requireNoInputReplaced(Path folder, List<ImageResult> images, List<BackingChain> chains,
                                               List<String> names) {
        Path real;
        try {
            real = Files.exists(folder) ? folder.toRealPath() : null;
        } catch (IOException e) {
            throw new SimilarityException(folder, "cannot resolve the folder: " + IoErrors.describe(e));
        }
        if (real == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            Path output = real.resolve(names.get(i));
            for (int k = 0; k < chains.size(); k++) {
                BackingChain chain = chains.get(k);
                if (chain.top().path().equals(output) || chain.otherFiles().contains(output)) {
                    throw new SimilarityException(images.get(k).path(), "would be replaced by the plan's "
                            + names.get(i) + " in " + folder + "; write the plan to another folder");
                }
            }
        }
    }
}
