package org.example.virtsimilarity.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a file system's open files to checksum, and how. A checksum call runs {@code sha256sum} in the appliance,
 * a process start that costs tens of milliseconds under emulation; {@code checksums_out} of a directory starts one
 * for all its files. So a directory whose files are mostly open (a rebuilt package, a rotated log folder) is
 * checksummed whole, and a lone file by itself. The budget is taken here, once for both disks, so both follow one
 * plan and the files it leaves out are the same on both (they are reported as unchecked).
 *
 * @param directories directories to checksum whole, with their subtrees (no two nested)
 * @param files       files to checksum one by one
 */
record ChecksumPlan(List<String> directories, List<String> files) {
    /** A directory is checksummed whole where its files are at most this many times the open ones, in number. */
    static final int WHOLE_DIRECTORY_FACTOR = 2;
    /** ... and it holds at least this many open files; below, single calls cost no more. */
    static final int WHOLE_DIRECTORY_MIN = 4;

    static ChecksumPlan of(List<String> open, FileTreeWalker.Listing before, FileTreeWalker.Listing after,
                           Budget budget) {
        Map<String, List<String>> byParent = new LinkedHashMap<>();
        for (String path : open) {
            byParent.computeIfAbsent(FileTreeWalker.parent(path), k -> new ArrayList<>()).add(path);
        }
        Map<String, long[]> beforeTrees = subtrees(before);
        Map<String, long[]> afterTrees = subtrees(after);
        List<String> directories = new ArrayList<>();
        List<String> files = new ArrayList<>();
        // a listing cut short does not know what a folder holds, so its size could not be budgeted
        boolean wholeKnown = !before.partial() && !after.partial();
        for (Map.Entry<String, List<String>> group : byParent.entrySet()) {
            String directory = group.getKey();
            List<String> members = group.getValue();
            long[] mine = afterTrees.getOrDefault(directory, new long[2]);
            long[] theirs = beforeTrees.getOrDefault(directory, new long[2]);
            if (directories.stream().anyMatch(chosen -> within(directory, chosen))) {
                continue;
            }
            boolean whole = wholeKnown && members.size() >= WHOLE_DIRECTORY_MIN
                    && Math.max(mine[0], theirs[0]) <= (long) WHOLE_DIRECTORY_FACTOR * members.size()
                    && directories.stream().noneMatch(chosen -> within(chosen, directory));
            if (whole && budget.takeChecksum(mine[1] + theirs[1])) {
                directories.add(directory);
                continue;
            }
            for (String path : members) {
                long bytes = before.files().get(path).size() + after.files().get(path).size();
                if (budget.takeChecksum(bytes)) {
                    files.add(path);
                }
            }
        }
        return new ChecksumPlan(List.copyOf(directories), List.copyOf(files));
    }

    /** For each directory, the regular files under it, at any depth: {count, bytes}. */
    private static Map<String, long[]> subtrees(FileTreeWalker.Listing listing) {
        Map<String, long[]> trees = new HashMap<>();
        listing.files().forEach((path, file) -> {
            if (file.type() == FileType.REGULAR) {
                for (String dir = FileTreeWalker.parent(path); ; dir = FileTreeWalker.parent(dir)) {
                    long[] tree = trees.computeIfAbsent(dir, k -> new long[2]);
                    tree[0]++;
                    tree[1] += file.size();
                    if (dir.equals("/")) {
                        break;
                    }
                }
            }
        });
        return trees;
    }

    private static boolean within(String path, String directory) {
        return directory.equals("/") || path.equals(directory) || path.startsWith(directory + "/");
    }
}
