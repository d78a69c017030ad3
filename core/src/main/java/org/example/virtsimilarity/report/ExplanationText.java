package org.example.virtsimilarity.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.example.virtsimilarity.explain.DirectoryTotal;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.FileChange;
import org.example.virtsimilarity.explain.Printable;
import org.example.virtsimilarity.explain.VolumeShare;

/**
 * Explanations as lines of text: in full below the command's cladogram, and as a short summary with the top files
 * for a build log. Every name from a guest goes through {@link Printable}, so no file name can forge a line.
 */
public final class ExplanationText {
    private ExplanationText() {
    }

    /** The explanations in full, each file of the top {@code topFiles}, ready to print after a blank line. */
    public static String render(List<Explanation> explanations, int topFiles) {
        StringBuilder text = new StringBuilder();
        for (Explanation explanation : explanations) {
            text.append('\n');
            lines(explanation, topFiles, true).forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    /**
     * One explanation as lines: a headline, and with {@code volumes} its partitions and file systems, then the top
     * files and the totals by directory, then its notes.
     */
    public static List<String> lines(Explanation explanation, int topFiles, boolean volumes) {
        List<String> lines = new ArrayList<>();
        lines.add(headline(explanation));
        if (explanation.status() == Explanation.Status.SKIPPED) {
            return lines;
        }
        if (volumes) {
            for (VolumeShare volume : explanation.volumes()) {
                lines.add("  " + volume(volume, explanation));
            }
        }
        explanation.files().stream().limit(topFiles).forEach(file -> lines.add("  " + file(file)));
        if (explanation.fileCount() > topFiles) {
            lines.add("  ... and " + (explanation.fileCount() - Math.min(topFiles, explanation.files().size()))
                    + " more files");
        }
        if (!explanation.directories().isEmpty()) {
            lines.add("  by directory: " + String.join(", ", explanation.directories().stream().limit(8)
                    .map(ExplanationText::directory).toList()));
        }
        explanation.notes().forEach(note -> lines.add("  note: " + Printable.of(note)));
        return lines;
    }

    private static String headline(Explanation e) {
        String head = Printable.of(e.image()) + " against " + Printable.of(e.baseline()) + ": ";
        if (e.status() == Explanation.Status.SKIPPED) {
            return head + Printable.of(e.notes().isEmpty() ? "explanation skipped" : e.notes().get(0));
        }
        return head + e.fileCount() + (e.fileCount() == 1 ? " file differs" : " files differ") + " (added "
                + ByteSizes.format(e.bytes(FileChange.Change.ADDED)) + ", removed "
                + ByteSizes.format(e.bytes(FileChange.Change.REMOVED)) + ", changed "
                + ByteSizes.format(e.bytes(FileChange.Change.CHANGED)) + ")"
                + (e.status() == Explanation.Status.PARTIAL ? ", partial" : "")
                + String.format(Locale.ROOT, "; explained in %.1f s", e.seconds());
    }

    private static String volume(VolumeShare v, Explanation e) {
        StringBuilder line = new StringBuilder(Printable.of(v.device()));
        line.append(' ').append(switch (v.kind()) {
            case PARTITION -> "partition";
            case DISK -> "whole disk";
            case OUTSIDE_PARTITIONS -> "outside partitions";
            case LOGICAL_VOLUME -> "logical volume";
        });
        if (!v.fsType().isEmpty()) {
            line.append(' ').append(Printable.of(v.fsType()));
        }
        if (v.size() >= 0) {
            line.append(' ').append(ByteSizes.format(v.size()));
        }
        if (!v.label().isEmpty()) {
            line.append(" label \"").append(Printable.of(v.label())).append('"');
        }
        if (!v.mountpoint().isEmpty()) {
            line.append(" on ").append(Printable.of(v.mountpoint()));
        }
        if (v.positionBytes() >= 0) {
            line.append(": ").append(ByteSizes.format(v.positionBytes())).append(" differ by position")
                    .append(share(v.positionBytes(), e.positionBytes()));
        }
        if (v.contentNewBytes() >= 0) {
            line.append(", ").append(ByteSizes.format(v.contentNewBytes())).append(" new data")
                    .append(share(v.contentNewBytes(), e.contentNewBytes()));
        }
        if (!v.note().isEmpty() && v.kind() != VolumeShare.Kind.OUTSIDE_PARTITIONS) {
            line.append(" (").append(Printable.of(v.note())).append(')');
        }
        return line.toString();
    }

    private static String share(long part, long whole) {
        return whole <= 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100.0 * part / whole);
    }

    static String file(FileChange f) {
        return String.format(Locale.ROOT, "%-9s %s  %s%s", f.change().name().toLowerCase(Locale.ROOT),
                Printable.of(f.path()), sizes(f), f.detail().isEmpty() ? "" : "  (" + Printable.of(f.detail()) + ")");
    }

    /** A file's size as it matters for its change: "1.0 MiB" where it was added or removed, else "old -> new". */
    public static String sizes(FileChange f) {
        return switch (f.change()) {
            case ADDED -> ByteSizes.format(f.newSize());
            case REMOVED -> ByteSizes.format(f.oldSize());
            default -> f.oldSize() == f.newSize() ? ByteSizes.format(f.newSize())
                    : ByteSizes.format(f.oldSize()) + " -> " + ByteSizes.format(f.newSize());
        };
    }

    private static String directory(DirectoryTotal total) {
        return Printable.of(total.directory()) + " " + ByteSizes.format(total.bytes());
    }
}
