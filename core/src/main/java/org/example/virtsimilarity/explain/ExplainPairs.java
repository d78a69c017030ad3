package org.example.virtsimilarity.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.backing.BackingChains;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageProbe;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;

/**
 * Finds the disks of a request and approves what the appliance may open, as the analysis does: each file with its
 * format stated, backing files only in allowed folders. A baseline found through its signature's path must still be
 * the very file that was signed (path, size, time, inode), and lie inside a folder the caller trusts: a signature
 * file is not the user's word.
 */
final class ExplainPairs {
    private ExplainPairs() {
    }

    /** The pair, or why it cannot be explained, in one sentence. */
    static Resolved resolve(ExplainRequest request, AnalysisOptions options, List<Path> trustedFolders) {
        String skipped = "explanation skipped: ";
        if (!request.imageSignature().isComparableWith(request.baselineSignature())) {
            return Resolved.skipped(skipped + "the baseline's signature has other settings ("
                    + request.baselineSignature().settings() + ")");
        }
        Path baselinePath;
        Optional<ImageFormat> baselineFormat;
        if (request.baselineImage().isPresent()) {
            baselinePath = request.baselineImage().get();
            baselineFormat = request.baselineFormat();
        } else {
            ImageIdentity identity = request.baselineSignature().identity();
            if (identity.path().isEmpty()) {
                return Resolved.skipped(skipped + "the baseline's signature does not say where its image was");
            }
            try {
                baselinePath = Path.of(identity.path());
            } catch (InvalidPathException e) {
                return Resolved.skipped(skipped + "the baseline's signature names no usable path");
            }
            if (!Files.isRegularFile(baselinePath, LinkOption.NOFOLLOW_LINKS)) {
                return Resolved.skipped(skipped + "the baseline's image is no longer at " + baselinePath
                        + " (keep the baseline's images there to get explanations)");
            }
            if (!inside(baselinePath, trustedFolders)) {
                return Resolved.skipped(skipped + "the baseline's image " + baselinePath + " is outside the folders"
                        + " explanations may read");
            }
            baselineFormat = ImageFormat.fromQemuName(identity.format());
            if (baselineFormat.isEmpty()) {
                return Resolved.skipped(skipped + "the baseline's signature names an unknown format");
            }
        }
        // where the user confined the inputs to a folder (a CI workspace), explanations open nothing outside it either
        Optional<Path> confinement = options.confinement();
        if (confinement.isPresent() && (!inside(request.image(), List.of(confinement.get()))
                || !inside(baselinePath, List.of(confinement.get())))) {
            return Resolved.skipped(skipped + "the image or its baseline resolves outside " + confinement.get()
                    + ", the folder inputs are confined to");
        }
        try {
            DiskImage image = ImageProbe.probe(request.image(), request.statedFormat().orElse(null));
            DiskImage baseline = ImageProbe.probe(baselinePath, baselineFormat.orElse(null));
            if (image.format() == ImageFormat.SIGNATURE || baseline.format() == ImageFormat.SIGNATURE) {
                return Resolved.skipped(skipped + "only a signature of " + (image.format() == ImageFormat.SIGNATURE
                        ? request.imageName() : request.baselineName()) + " is at hand, not its disk image");
            }
            if (request.baselineImage().isEmpty() && !request.baselineSignature().identity().matches(baseline)) {
                return Resolved.skipped(skipped + "the baseline's image at " + baselinePath + " has changed since"
                        + " its signature was made");
            }
            BackingChain imageChain = BackingChains.resolve(image, options.backingPolicy());
            BackingChain baselineChain = BackingChains.resolve(baseline, options.backingPolicy());
            return new Resolved(Optional.of(new ExplainPair(request.imageName(), imageChain,
                    request.imageSignature(), request.baselineName(), baselineChain, request.baselineSignature())),
                    "");
        } catch (SimilarityException e) {
            return Resolved.skipped(skipped + e.getMessage());
        }
    }

    private static boolean inside(Path file, List<Path> folders) {
        try {
            Path real = file.toRealPath();
            for (Path folder : folders) {
                if (Files.isDirectory(folder) && real.startsWith(folder.toRealPath())) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** A pair ready for the appliance, or why there is none. */
    record Resolved(Optional<ExplainPair> pair, String why) {
        static Resolved skipped(String why) {
            return new Resolved(Optional.empty(), why);
        }
    }
}
