package org.example.virtsimilarity.baseline;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.signature.Signature;

/**
 * What the images of a run are compared with: nothing, one reference that every image is compared with, or the
 * signatures of an earlier run, matched to images by name. Immutable.
 */
public final class Baseline {
    private static final Baseline NONE = new Baseline("none", null, null, Map.of(), BaselineName.EXACT, Map.of());

    private final String description;
    private final Signature reference;
    private final Path referenceImage;
    private final Map<String, Signature> byName;
    private final BaselineName naming;
    private final Map<String, Signature> bySeries;

    private Baseline(String description, Signature reference, Path referenceImage, Map<String, Signature> byName,
                     BaselineName naming, Map<String, Signature> bySeries) {
        this.description = description;
        this.reference = reference;
        this.referenceImage = referenceImage;
        this.byName = byName;
        this.naming = naming;
        this.bySeries = bySeries;
    }

    public static Baseline none() {
        return NONE;
    }

    /** One image's signature (a {@code .vsig} file) that every image of the run is compared with. */
    public static Baseline reference(String description, Signature reference) {
        return new Baseline(description, Objects.requireNonNull(reference), null, Map.of(), BaselineName.EXACT,
                Map.of());
    }

    /** One disk image, named by the user, that every image of the run is compared with. */
    public static Baseline referenceImage(Path image, Signature reference) {
        return new Baseline(image.toString(), Objects.requireNonNull(reference), Objects.requireNonNull(image),
                Map.of(), BaselineName.EXACT, Map.of());
    }

    /**
     * The disk image the user named as the reference; empty for a signature file or an earlier run, whose recorded
     * paths are the signatures' word, not the user's.
     */
    public Optional<Path> referenceImage() {
        return Optional.ofNullable(referenceImage);
    }

    /** The signatures of an earlier run; each image is compared with the one of the same name. */
    public static Baseline earlierRun(String description, List<Signature> signatures) {
        return earlierRun(description, signatures, BaselineName.EXACT);
    }

    /**
     * The signatures of an earlier run, matched to images by {@code naming}; two signatures of one series are an
     * error, since either could be the baseline.
     */
    public static Baseline earlierRun(String description, List<Signature> signatures, BaselineName naming) {
        Map<String, Signature> byName = new LinkedHashMap<>();
        signatures.forEach(signature -> byName.putIfAbsent(signature.name(), signature));
        Map<String, Signature> bySeries = new HashMap<>();
        for (Signature signature : byName.values()) {
            naming.series(signature.name()).ifPresent(series -> {
                Signature other = bySeries.putIfAbsent(series, signature);
                if (other != null) {
                    throw new SimilarityException(description + ": signatures " + other.name() + " and "
                            + signature.name() + " both match baselineName " + naming + " as '" + series
                            + "', so either could be the baseline");
                }
            });
        }
        return new Baseline(description, null, null, Map.copyOf(byName), naming, Map.copyOf(bySeries));
    }

    /** Where the baseline came from, for logs and reports. */
    public String description() {
        return description;
    }

    /** How many signatures it holds. */
    public int size() {
        return reference != null ? 1 : byName.size();
    }

    /** Whether the run was given no baseline at all (as opposed to one that holds nothing yet). */
    public boolean isNone() {
        return this == NONE;
    }

    /** Whether every image is compared with one reference rather than with its own earlier signature. */
    public boolean isReference() {
        return reference != null;
    }


    /**
     * The signature an image is compared with: the reference; else, where a {@link BaselineName} expression matches
     * the image's name, the earlier image of the same series; else the earlier image of the same file name; else the
     * only earlier image with the same name before its extension (so {@code web.img} that became {@code web.qcow2}
     * keeps its history).
     */
    public Optional<Signature> forImage(String name) {
        if (reference != null) {
            return Optional.of(reference);
        }
        Optional<String> series = naming.series(name);
        if (series.isPresent()) {
            return Optional.ofNullable(bySeries.get(series.get()));
        }
        Signature same = byName.get(name);
        if (same != null) {
            return Optional.of(same);
        }
        List<Signature> stems = byName.values().stream().filter(s -> stem(s.name()).equals(stem(name))).toList();
        return stems.size() == 1 ? Optional.of(stems.get(0)) : Optional.empty();
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
