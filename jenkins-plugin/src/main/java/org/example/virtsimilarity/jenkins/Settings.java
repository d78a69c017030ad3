package org.example.virtsimilarity.jenkins;

import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.baseline.BaselineName;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.gate.ExplainScope;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.verdict.Thresholds;

/**
 * The step's configuration, checked: the same rules serve the form validation and the build, so a value the form
 * accepts never fails the build as bad configuration.
 */
record Settings(List<String> patterns, BaselineChoice baseline, String referenceImage, Integer referenceBuild,
                BaselineName baselineName, boolean failOnMissingBaseline, Thresholds thresholds, String hash,
                int blockSize, String inputFormat, Measure measure, ExplainScope explain, Confinement confinement) {
    /**
     * Set on the controller's JVM ({@code -Dvirtsimilarity.jenkins.allowPathsOutsideWorkspace=true}) by an
     * administrator who lets jobs read images outside their workspaces; job configurers cannot.
     */
    static final String ALLOW_OUTSIDE = "virtsimilarity.jenkins.allowPathsOutsideWorkspace";
    /**
     * Set on the controller's JVM by an administrator: folders (separated by the path separator, ':' on Linux) whose
     * files images may name as backing files, besides the workspace.
     */
    static final String ALLOWED_BACKING = "virtsimilarity.jenkins.allowedBackingDirectories";

    /**
     * {@code baselineName} and {@code failOnMissingBaseline} map to core as the Maven goal's parameters do;
     * {@code explainDifferences} is the goal's default scope ({@link ExplainScope#WARNING}) or none.
     */
    static Settings parse(String images, BaselineChoice baseline, String referenceImage, String referenceBuild,
                          String baselineName, boolean failOnMissingBaseline, String unstable, String failure,
                          String hash, String blockSize, String inputFormat, String measure,
                          boolean explainDifferences) {
        HashAlgorithm.fromId(hash);
        ImageFormat.parseStated(inputFormat);
        return new Settings(patterns(images), baseline, reference(baseline, referenceImage),
                referenceBuild(baseline, referenceBuild), BaselineName.of(baselineName), failOnMissingBaseline,
                thresholds(unstable, failure), hash, blockSize(blockSize), inputFormat, Measure.fromId(measure),
                explainDifferences ? ExplainScope.WARNING : ExplainScope.NEVER, Confinement.fromSystem());
    }

    /**
     * Where the agent may read: inside the workspace, links followed (unless the administrator allows paths outside),
     * and backing files in the workspace or in the administrator's folders.
     */
    record Confinement(boolean toWorkspace, List<String> backingFolders) implements java.io.Serializable {
        static Confinement fromSystem() {
            List<String> folders = new ArrayList<>();
            for (String folder : System.getProperty(ALLOWED_BACKING, "").split(java.io.File.pathSeparator)) {
                if (!folder.isBlank()) {
                    folders.add(folder.trim());
                }
            }
            return new Confinement(!Boolean.getBoolean(ALLOW_OUTSIDE), List.copyOf(folders));
        }
    }

    /** Patterns relative to the workspace, one a line or comma-separated; none may leave the workspace. */
    static List<String> patterns(String images) {
        List<String> patterns = new ArrayList<>();
        for (String pattern : (images == null ? "" : images).split("[,\\n]")) {
            if (!pattern.isBlank()) {
                patterns.add(insideWorkspace("image pattern", pattern.trim()));
            }
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no image files given: enter at least one path or pattern");
        }
        return patterns;
    }

    static String reference(BaselineChoice baseline, String reference) {
        if (baseline != BaselineChoice.REFERENCE) {
            return null;
        }
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("the reference baseline needs an image or .vsig file");
        }
        return insideWorkspace("reference image", reference.trim());
    }

    /** The build whose signatures the {@link BaselineChoice#BUILD} baseline is: a build number of the job. */
    static Integer referenceBuild(BaselineChoice baseline, String number) {
        if (baseline != BaselineChoice.BUILD) {
            return null;
        }
        String text = number == null ? "" : number.trim();
        if (!text.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("the reference build must be a build number of this job, such as 42, "
                    + "not '" + text + "'");
        }
        return Integer.valueOf(text);
    }

    static Thresholds thresholds(String unstable, String failure) {
        return Thresholds.of(percent("unstable threshold", unstable), percent("failure threshold", failure));
    }

    /** An optional percentage; blank for none. */
    static Double percent(String what, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        double percent;
        try {
            percent = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " must be a number of percent, not '" + value + "'");
        }
        Thresholds.of(null, percent);
        return percent;
    }

    static int blockSize(String value) {
        try {
            int size = Integer.parseInt(value.trim());
            Signature.checkBlockSize(size);
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the block size must be a number of bytes, not '" + value + "'");
        }
    }

    /** Paths are relative to the workspace and stay in it (no absolute paths, no ".."), unless the admin allows. */
    private static String insideWorkspace(String what, String path) {
        if (Boolean.getBoolean(ALLOW_OUTSIDE)) {
            return path;
        }
        String normal = path.replace('\\', '/');
        if (normal.startsWith("/") || normal.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("the " + what + " '" + path + "' is absolute; give it relative to "
                    + "the workspace (or ask an administrator to set " + ALLOW_OUTSIDE + ")");
        }
        for (String segment : normal.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("the " + what + " '" + path + "' leaves the workspace (an"
                        + " administrator can allow it with " + ALLOW_OUTSIDE + ")");
            }
        }
        return path;
    }
}
