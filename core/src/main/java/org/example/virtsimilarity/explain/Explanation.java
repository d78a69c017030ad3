package org.example.virtsimilarity.explain;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why an image diverges from its baseline: which partitions and file systems hold the differing data, and which
 * files were added, removed or changed. Immutable.
 *
 * @param image           the image's name
 * @param baseline        its baseline's name
 * @param status          how far the explanation got
 * @param notes           why it is partial or skipped, and what it left out, one sentence each
 * @param positionBytes   bytes of blocks that differ at the same place, the whole disk
 * @param contentNewBytes bytes of the image's data found nowhere in the baseline, or -1 without content fingerprints
 * @param volumes         partitions, file systems and the space outside partitions
 * @param files           the changed files, largest first, at most the options' top files
 * @param fileCount       how many files differ in all
 * @param directories     the changes per top-level directory, largest first, every change counted
 * @param seconds         how long it took, the appliance's launch included
 * @param applianceMiB    the appliance's memory, or 0 where none started
 */
public record Explanation(String image, String baseline, Status status, List<String> notes, long positionBytes,
                          long contentNewBytes, List<VolumeShare> volumes, List<FileChange> files, int fileCount,
                          List<DirectoryTotal> directories, double seconds, int applianceMiB)
        implements Serializable {
    public Explanation {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(status, "status");
        notes = List.copyOf(notes);
        volumes = List.copyOf(volumes);
        files = List.copyOf(files);
        directories = List.copyOf(directories);
    }

    /** How far an explanation got. */
    public enum Status {
        /** Every file system both images share was compared file by file. */
        COMPLETE,
        /** A budget ran out, or some file systems could be explained only down to their partition. */
        PARTIAL,
        /** Nothing was looked at inside the images (no libguestfs, no baseline image, no appliance). */
        SKIPPED
    }

    /** An explanation that did not look inside the images, and says why in one sentence. */
    public static Explanation skipped(String image, String baseline, String why) {
        return new Explanation(image, baseline, Status.SKIPPED, List.of(why), 0, -1, List.of(), List.of(), 0,
                List.of(), 0, 0);
    }

    /** Bytes of changed files of one kind of change, every change counted. */
    public long bytes(FileChange.Change change) {
        return directories.stream().mapToLong(total -> switch (change) {
            case ADDED -> total.addedBytes();
            case REMOVED -> total.removedBytes();
            case CHANGED, UNCHECKED -> total.changedBytes();
            case METADATA -> 0;
        }).sum();
    }

    /** The {@code top} largest changes and the totals per top-level directory, from every change found. */
    static Ranked rank(List<FileChange> changes, int top) {
        Comparator<FileChange> largest = Comparator.comparingLong(FileChange::bytes).reversed()
                .thenComparing(FileChange::path);
        List<FileChange> sorted = new ArrayList<>(changes);
        sorted.sort(largest);
        Map<String, DirectoryTotal> totals = new LinkedHashMap<>();
        for (FileChange change : sorted) {
            totals.merge(change.topDirectory(), new DirectoryTotal(change.topDirectory(), 0, 0, 0, 0).plus(change),
                    (a, b) -> a.plus(change));
        }
        List<DirectoryTotal> directories = new ArrayList<>(totals.values());
        directories.sort(Comparator.comparingLong(DirectoryTotal::bytes).reversed()
                .thenComparing(DirectoryTotal::directory));
        return new Ranked(List.copyOf(sorted.subList(0, Math.min(top, sorted.size()))), sorted.size(),
                List.copyOf(directories));
    }

    /** Changes ranked: the top ones, how many in all, and the directory totals. */
    record Ranked(List<FileChange> top, int count, List<DirectoryTotal> directories) {
    }
}
