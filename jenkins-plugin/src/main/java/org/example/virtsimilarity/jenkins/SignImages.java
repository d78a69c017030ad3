package org.example.virtsimilarity.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.example.virtsimilarity.check.ImagePatterns;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.SignatureFile;

/**
 * Runs where the workspace is (an agent or the controller): reads the images that the patterns match and returns
 * their signatures as {@code .vsig} bytes, so that only signatures travel to the controller.
 */
final class SignImages implements FilePath.FileCallable<List<SignImages.Signed>> {
    private static final long serialVersionUID = 1L;

    /** One image's name and its signature file's bytes. */
    static final class Signed implements Serializable {
        private static final long serialVersionUID = 1L;
        final String name;
        final byte[] signature;

        Signed(String name, byte[] signature) {
            this.name = name;
            this.signature = signature;
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
        List<Signed> signed = new ArrayList<>();
        for (ImageResult image : SimilarityAnalysis.run(options, new ConsoleProgress(listener.getLogger())).images()) {
            signed.add(new Signed(image.name(), SignatureFile.toBytes(image.signature())));
        }
        return signed;
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
