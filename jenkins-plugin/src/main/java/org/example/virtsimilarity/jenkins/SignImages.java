package org.example.virtsimilarity.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.inputs.ImagePatterns;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.SignatureFile;

/**
 * Runs where the workspace is (an agent or the controller): signs the images that the patterns match, and only signs
 * them, and returns each one's result with its signature as {@code .vsig} bytes, so that only signatures travel to
 * the controller, whose gate takes them as values.
 */
final class SignImages implements FilePath.FileCallable<List<SignImages.Signed>> {
    private static final long serialVersionUID = 1L;

    /** One signed image as it crosses the channel: what the gate needs of it, and its signature file's bytes. */
    static final class Signed implements Serializable {
        private static final long serialVersionUID = 2L;
        private final String path;
        private final String format;
        private final boolean formatStated;
        private final List<String> backing;
        private final String origin;
        private final byte[] signature;

        Signed(ImageResult image) {
            this.path = image.path().toString();
            this.format = image.format().name();
            this.formatStated = image.formatStated();
            this.backing = image.backing().stream().map(Path::toString).toList();
            this.origin = image.origin().name();
            this.signature = SignatureFile.toBytes(image.signature());
        }

        /**
         * The image again on the controller, which trusts an agent less than itself: the signature is checked as a
         * file would be, and must be made with the job's settings; anything malformed is a one-line error.
         */
        ImageResult result(Settings settings) {
            try {
                Path where = Path.of(path);
                return new ImageResult(where, ImageFormat.valueOf(format), formatStated,
                        backing.stream().map(Path::of).toList(), SignatureFile.fromBytes(where, signature,
                        HashAlgorithm.fromId(settings.hash()), settings.blockSize(),
                        settings.measure() == Measure.CONTENT), ImageResult.Origin.valueOf(origin));
            } catch (SimilarityException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SimilarityException("the agent sent a malformed signature for " + path + ": " + e);
            }
        }
    }

    private final List<String> patterns;
    private final String hash;
    private final int blockSize;
    private final String inputFormat;
    private final Measure measure;
    private final Settings.Confinement confinement;
    private final TaskListener listener;

    SignImages(List<String> patterns, Settings settings, TaskListener listener) {
        this.patterns = patterns;
        this.hash = settings.hash();
        this.blockSize = settings.blockSize();
        this.inputFormat = settings.inputFormat();
        this.measure = settings.measure();
        this.confinement = settings.confinement();
        this.listener = listener;
    }

    /**
     * The images, and every file they name, must resolve inside the workspace where they are, links followed: the
     * check on the patterns' text alone would let a link in the workspace, or a backing file an image names, lead out.
     */
    @Override
    public List<Signed> invoke(File workspace, VirtualChannel channel) {
        AnalysisOptions.Builder builder = AnalysisOptions.builder().algorithm(HashAlgorithm.fromId(hash))
                .blockSize(blockSize).measure(measure).inputFormat(ImageFormat.parseStated(inputFormat).orElse(null))
                .allowBackingFolder(workspace.toPath())
                .inputs(ImagePatterns.expand(workspace.toPath(), patterns));
        if (confinement.toWorkspace()) {
            builder.confineTo(workspace.toPath());
        }
        confinement.backingFolders().forEach(folder -> builder.allowBackingFolder(Path.of(folder)));
        AnalysisOptions options = builder.build();
        return ImageSigning.sign(options, new ConsoleProgress(listener.getLogger())).stream().map(Signed::new)
                .toList();
    }

    /** One console line an image. */
    private record ConsoleProgress(PrintStream log) implements ProgressListener {
        @Override
        public void cached(DiskImage image) {
            log.println("[virt-similarity] " + image.path() + ": signature from the cache");
        }

        @Override
        public void reading(DiskImage image, String method) {
            log.println("[virt-similarity] reading " + image.path() + " (" + image.format().qemuName() + ")");
        }

        @Override
        public void warning(String message) {
            log.println("[virt-similarity] WARNING: " + message);
        }
    }
}
