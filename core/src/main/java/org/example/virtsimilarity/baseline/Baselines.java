package org.example.virtsimilarity.baseline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageProbe;
import org.example.virtsimilarity.io.IoErrors;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;

/** Loads a baseline from a path: a disk image, a {@code .vsig} file, or a folder of them from an earlier run. */
public final class Baselines {
    /** The folder of an output directory that holds the signatures of the run that wrote it. */
    public static final String SIGNATURES_FOLDER = "signatures";
    private static final List<String> FILE_EXTENSIONS = List.of(SignatureFile.EXTENSION, ".img", ".raw", ".qcow2",
            ".qcow", ".vmdk", ".vdi", ".vhd", ".vhdx", ".qed", ".hdd", ".iso");

    private Baselines() {
    }

    /** Loads the baseline, whose signatures images find by file name. */
    public static Baseline load(Path path, AnalysisOptions options, ProgressListener listener) {
        return load(path, options, BaselineName.EXACT, listener);
    }

    /**
     * Loads the baseline, whose signatures images find by {@code naming}. A baseline image is read with the hash and
     * block size of {@code options}. Signatures are loaded whatever they were made with: the gate starts a new
     * baseline for an image whose baseline signature has another hash, block size or digest scheme, or no content
     * fingerprints where the run compares content, rather than fail every run after a change of settings, an upgrade
     * or a change of measure. A folder that does not exist is an empty baseline, as on a pipeline's first night, and
     * its description says so; a missing image or signature file (a name with an image's or a signature's extension)
     * is an error. A folder may be an earlier run's output directory or its signatures folder; one without signatures
     * is an empty baseline.
     */
    public static Baseline load(Path path, AnalysisOptions options, BaselineName naming, ProgressListener listener) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !namesAFile(path)) {
            // a pipeline's first night: the folder its runs keep as their baseline is not there yet
            return Baseline.earlierRun(path + " (does not exist yet)", List.of(), naming);
        }
        if (Files.isDirectory(path)) {
            Path signatures = path.resolve(SIGNATURES_FOLDER);
            return folder(Files.isDirectory(signatures) ? signatures : path, naming);
        }
        if (ImageProbe.probe(path).format() == ImageFormat.SIGNATURE) {
            return Baseline.reference(path.toString(), named(SignatureFile.read(path), path));
        }
        Signature signature = SimilarityAnalysis.run(options.withInputs(List.of(path)), listener)
                .images().get(0).signature();
        return Baseline.referenceImage(path, signature);
    }

    /** A missing image or signature file is a mistake to report, not a first night. */
    private static boolean namesAFile(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return FILE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static Baseline folder(Path folder, BaselineName naming) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + SignatureFile.EXTENSION)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new SimilarityException(folder, "cannot list the baseline folder: " + IoErrors.describe(e));
        }
        files.sort(null);
        List<Signature> signatures = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            Signature signature = named(SignatureFile.read(file), file);
            Path earlier = seen.putIfAbsent(signature.name(), file);
            if (earlier != null) {
                throw new SimilarityException(file, "names the same image (" + signature.name() + ") as "
                        + earlier.getFileName() + " in the same baseline folder");
            }
            signatures.add(signature);
        }
        return Baseline.earlierRun(folder + " (" + signatures.size() + " signatures)", signatures, naming);
    }

    /** A signature without a recorded name is named after its file. */
    private static Signature named(Signature signature, Path file) {
        if (!signature.name().isEmpty()) {
            return signature;
        }
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(SignatureFile.EXTENSION)
                ? fileName.substring(0, fileName.length() - SignatureFile.EXTENSION.length()) : fileName;
        return signature.withIdentity(signature.identity().withName(name));
    }
}
