package org.example.virtsimilarity.jenkins;

import java.io.Serializable;
import java.nio.file.Path;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;

/**
 * What of the job's settings travels to where the workspace is: what signing and explaining read images with, and
 * where they may read. Signing and explaining use the same, so an explanation opens nothing that signing would refuse.
 */
record AgentSettings(String hash, int blockSize, String inputFormat, Measure measure,
                     Settings.Confinement confinement) implements Serializable {
    static AgentSettings of(Settings settings) {
        return new AgentSettings(settings.hash(), settings.blockSize(), settings.inputFormat(), settings.measure(),
                settings.confinement());
    }

    /**
     * The images, and every file they name, must resolve inside the workspace, links followed (unless the
     * administrator allows paths outside); backing files may be in the workspace or the administrator's folders.
     */
    AnalysisOptions.Builder analysis(Path workspace) {
        AnalysisOptions.Builder builder = AnalysisOptions.builder().algorithm(HashAlgorithm.fromId(hash))
                .blockSize(blockSize).measure(measure).inputFormat(ImageFormat.parseStated(inputFormat).orElse(null))
                .allowBackingFolder(workspace);
        if (confinement.toWorkspace()) {
            builder.confineTo(workspace);
        }
        confinement.backingFolders().forEach(folder -> builder.allowBackingFolder(Path.of(folder)));
        return builder;
    }

    /** A signature from its {@code .vsig} bytes, checked to be made with these settings. */
    Signature signature(Path label, byte[] bytes) {
        return SignatureFile.fromBytes(label, bytes, HashAlgorithm.fromId(hash), blockSize,
                measure == Measure.CONTENT);
    }
}
