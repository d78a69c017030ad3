package org.example.virtsimilarity.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.inputs.ImagePatterns;
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
        ImageResult result(AgentSettings settings) {
            try {
                Path where = Path.of(path);
                return new ImageResult(where, ImageFormat.valueOf(format), formatStated,
                        backing.stream().map(Path::of).toList(), settings.signature(where, signature),
                        ImageResult.Origin.valueOf(origin));
            } catch (SimilarityException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SimilarityException("the agent sent a malformed signature for " + path + ": " + e);
            }
        }
    }

    private final List<String> patterns;
    private final AgentSettings settings;
    private final TaskListener listener;

    SignImages(List<String> patterns, AgentSettings settings, TaskListener listener) {
        this.patterns = patterns;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * The images, and every file they name, must resolve inside the workspace where they are, links followed: the
     * check on the patterns' text alone would let a link in the workspace, or a backing file an image names, lead out.
     */
    @Override
    public List<Signed> invoke(File workspace, VirtualChannel channel) {
        return ImageSigning.sign(settings.analysis(workspace.toPath()).inputs(ImagePatterns.expand(workspace.toPath(),
                patterns)).build(), new ConsoleProgress(listener.getLogger())).stream().map(Signed::new).toList();
    }
}
