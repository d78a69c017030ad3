package org.example.virtsimilarity.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.example.virtsimilarity.explain.FileChange.Change;

/**
 * Compares two file lists the cheap way: by type, size, time and link target first. A regular file of one size
 * whose time differs is the only case metadata leaves open; its content is compared by checksum, as far as the
 * budget goes. Directories count only for a change of mode or owner: what they hold is listed file by file.
 */
final class FileListComparison {
    private FileListComparison() {
    }

    /** The files whose content only a checksum can tell: same path, regular, same size, another time. */
    static List<String> needChecksum(Map<String, GuestFile> baseline, Map<String, GuestFile> image) {
        List<String> open = new ArrayList<>();
        image.forEach((path, now) -> {
            GuestFile before = baseline.get(path);
            if (before != null && isOpen(before, now)) {
                open.add(path);
            }
        });
        open.sort(null);
        return open;
    }

    private static boolean isOpen(GuestFile before, GuestFile now) {
        return now.type() == FileType.REGULAR && before.type() == FileType.REGULAR && now.size() == before.size()
                && now.size() > 0 && now.mtimeNanos() != before.mtimeNanos();
    }

    /**
     * The changes, paths prefixed with the file system's mount point; {@code sameContent} answers for the files
     * {@link #needChecksum} named: whether the checksums agree, or empty where the budget left them unchecked.
     */
    static List<FileChange> compare(FileTreeWalker.Listing baseline, FileTreeWalker.Listing image, String device,
                                    String prefix, BiFunction<String, GuestFile, Optional<Boolean>> sameContent) {
        List<FileChange> changes = new ArrayList<>();
        image.files().forEach((path, now) -> {
            GuestFile before = baseline.files().get(path);
            if (before == null) {
                // where the baseline's listing stopped short, a file it lacks may just not have been listed
                if (now.type() != FileType.DIRECTORY && baseline.covers(path)) {
                    String detail = now.type() == FileType.SYMLINK ? "target " + now.target() : "";
                    changes.add(new FileChange(device, prefix + path, Change.ADDED, now.type(), -1, now.size(),
                            detail));
                }
            } else {
                Optional<Boolean> same = isOpen(before, now) ? sameContent.apply(path, now) : Optional.of(true);
                changed(before, now, same).ifPresent(change -> changes.add(new FileChange(device, prefix + path,
                        change.change(), now.type(), before.size(), now.size(), change.detail())));
            }
        });
        baseline.files().forEach((path, before) -> {
            if (!image.files().containsKey(path) && before.type() != FileType.DIRECTORY && image.covers(path)) {
                changes.add(new FileChange(device, prefix + path, Change.REMOVED, before.type(), before.size(), -1,
                        ""));
            }
        });
        return changes;
    }

    /** How a file present in both differs, if it does; {@code same} is empty where its content is unknown. */
    private static Optional<Difference> changed(GuestFile before, GuestFile now, Optional<Boolean> same) {
        String metadata = now.metadataChange(before);
        if (now.type() != before.type()) {
            return Optional.of(new Difference(Change.CHANGED, "was " + before.type().name().toLowerCase(Locale.ROOT)));
        }
        if (now.type() == FileType.SYMLINK && !now.target().equals(before.target())) {
            return Optional.of(new Difference(Change.CHANGED, "target " + before.target() + " -> " + now.target()));
        }
        if (now.type() == FileType.REGULAR && (now.size() != before.size() || same.isPresent() && !same.get())) {
            return Optional.of(new Difference(Change.CHANGED, metadata));
        }
        if (same.isEmpty()) {
            return Optional.of(new Difference(Change.UNCHECKED, metadata));
        }
        return metadata.isEmpty() ? Optional.empty() : Optional.of(new Difference(Change.METADATA, metadata));
    }

    private record Difference(Change change, String detail) {
    }
}
