package org.example.virtsimilarity.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.example.virtsimilarity.explain.ExplainOptions;
import org.example.virtsimilarity.explain.ExplainRequest;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.GuestExplainer;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.signature.SignatureFile;

/**
 * Runs where the workspace is, as {@link SignImages} does: explains images against their baselines in a libguestfs
 * appliance there, since the disk images never travel. The requests cross the channel as plain fields, signatures
 * as {@code .vsig} bytes; the explanations come back as they are.
 */
final class ExplainImages implements FilePath.FileCallable<List<Explanation>> {
    private static final long serialVersionUID = 1L;

    /** One request as it crosses the channel: paths on the agent, formats by name or null, signature bytes. */
    static final class Request implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String image;
        private final String statedFormat;
        private final byte[] imageSignature;
        private final byte[] baselineSignature;
        private final String baselineImage;
        private final String baselineFormat;

        Request(ExplainRequest request) {
            this.image = request.image().toString();
            this.statedFormat = request.statedFormat().map(ImageFormat::name).orElse(null);
            this.imageSignature = SignatureFile.toBytes(request.imageSignature());
            this.baselineSignature = SignatureFile.toBytes(request.baselineSignature());
            this.baselineImage = request.baselineImage().map(Path::toString).orElse(null);
            this.baselineFormat = request.baselineFormat().map(ImageFormat::name).orElse(null);
        }

        ExplainRequest request(AgentSettings settings) {
            Path where = Path.of(image);
            Optional<Path> baseline = Optional.ofNullable(baselineImage).map(Path::of);
            return new ExplainRequest(where, format(statedFormat), settings.signature(where, imageSignature),
                    settings.signature(baseline.orElse(where), baselineSignature), baseline,
                    format(baselineFormat));
        }

        private static Optional<ImageFormat> format(String name) {
            return Optional.ofNullable(name).map(ImageFormat::valueOf);
        }
    }

    private final List<Request> requests;
    private final AgentSettings settings;
    private final TaskListener listener;

    ExplainImages(List<ExplainRequest> requests, AgentSettings settings, TaskListener listener) {
        this.requests = requests.stream().map(Request::new).toList();
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * The appliance opens what signing approved: the backing files it would allow, and a baseline found through its
     * signature's recorded path only inside the workspace.
     */
    @Override
    public List<Explanation> invoke(File workspace, VirtualChannel channel) {
        Path folder = workspace.toPath();
        return new GuestExplainer(settings.analysis(folder).build(), List.of(folder), ExplainOptions.defaults(),
                new ConsoleProgress(listener.getLogger())).explain(requests.stream()
                .map(request -> request.request(settings)).toList());
    }
}
