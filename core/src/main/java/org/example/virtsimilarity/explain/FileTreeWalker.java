package org.example.virtsimilarity.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.example.virtsimilarity.guestfs.GuestfsHandle;

/**
 * Lists the file system mounted at the appliance's {@code /}, breadth first, a directory's names in one call and
 * their metadata in batches. Links are never followed, so a loop of symbolic links costs one entry each. A guest's
 * names are untrusted: one that could lead elsewhere ({@code ..}, a slash) is skipped and noted.
 */
final class FileTreeWalker {
    /** Names per lstat call: libguestfs caps a message at a few MB, and a name may be long. */
    private static final int BATCH = 512;

    private final GuestfsHandle handle;
    private final Budget budget;
    private final Map<String, GuestFile> files = new LinkedHashMap<>();
    private final Set<String> listed = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private boolean partial;

    private FileTreeWalker(GuestfsHandle handle, Budget budget) {
        this.handle = handle;
        this.budget = budget;
    }

    /** The mounted file system's entries by path ({@code /etc/hosts}), the root left out. */
    static Listing walk(GuestfsHandle handle, Budget budget) {
        FileTreeWalker walker = new FileTreeWalker(handle, budget);
        walker.walk();
        return new Listing(walker.files, walker.listed, walker.notes, walker.partial);
    }

    private void walk() {
        Deque<String> directories = new ArrayDeque<>();
        directories.add("/");
        while (!directories.isEmpty()) {
            if (budget.expired()) {
                stop("the time limit was reached while listing files");
                return;
            }
            String directory = directories.poll();
            String[] names;
            try {
                names = handle.list(directory);
            } catch (RuntimeException e) {
                note("cannot list " + directory + ": " + e.getMessage());
                continue;
            }
            names = Arrays.stream(names).filter(this::usable).toArray(String[]::new);
            int taken = budget.takeEntries(names.length);
            boolean cut = taken < names.length;
            names = Arrays.copyOf(names, taken);
            boolean whole = !cut;
            for (int from = 0; from < names.length; from += BATCH) {
                String[] batch = Arrays.copyOfRange(names, from, Math.min(names.length, from + BATCH));
                whole &= list(directory, batch, directories);
            }
            if (whole) {
                listed.add(directory);
            }
            if (cut) {
                stop("the listing stopped at its limit of entries");
                return;
            }
        }
    }

    /** Lists a batch of a directory's names; whether every one of them was read. */
    private boolean list(String directory, String[] names, Deque<String> directories) {
        long[][] stats;
        try {
            stats = handle.lstat(directory, names);
        } catch (RuntimeException e) {
            note("cannot read the metadata in " + directory + ": " + e.getMessage());
            return false;
        }
        String[] targets = targets(directory, names, stats);
        String parent = directory.equals("/") ? "" : directory;
        boolean whole = stats.length == names.length;
        for (int i = 0; i < names.length && i < stats.length; i++) {
            if (stats[i][6] == -1) {
                note("cannot read the metadata of an entry in " + directory);
                whole = false;
                continue;
            }
            GuestFile file = GuestFile.of(stats[i], targets[i]);
            String path = parent + "/" + names[i];
            files.put(path, file);
            if (file.type() == FileType.DIRECTORY) {
                directories.add(path);
            }
        }
        return whole;
    }

    /** Every symbolic link's target, read in one call; "" for the rest. */
    private String[] targets(String directory, String[] names, long[][] stats) {
        String[] targets = new String[names.length];
        Arrays.fill(targets, "");
        List<Integer> links = new ArrayList<>();
        for (int i = 0; i < names.length && i < stats.length; i++) {
            if (stats[i][6] != -1 && FileType.ofMode(stats[i][0]) == FileType.SYMLINK) {
                links.add(i);
            }
        }
        if (links.isEmpty()) {
            return targets;
        }
        try {
            String[] read = handle.readLinks(directory, links.stream().map(i -> names[i]).toArray(String[]::new));
            for (int k = 0; k < links.size() && k < read.length; k++) {
                targets[links.get(k)] = read[k];
            }
        } catch (RuntimeException e) {
            note("cannot read the links in " + directory + ": " + e.getMessage());
        }
        return targets;
    }

    private boolean usable(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            note("a name that is not a plain file name was skipped");
            return false;
        }
        return true;
    }

    private void note(String note) {
        partial = true;
        if (notes.size() < 5) {
            notes.add(note);
        } else if (notes.size() == 5) {
            notes.add("more entries could not be read");
        }
    }

    private void stop(String why) {
        partial = true;
        notes.add(why);
    }

    /** The folder a path is in ({@code /} for one at the root). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /**
     * A file system's entries, with what stopped or troubled the listing.
     *
     * @param files   entries by path
     * @param listed  the directories whose every entry was listed ({@code /} for the root)
     * @param notes   what went wrong, at most a few lines
     * @param partial whether entries may be missing
     */
    record Listing(Map<String, GuestFile> files, Set<String> listed, List<String> notes, boolean partial) {
        /** Whether a missing entry at {@code path} is known to be absent, not merely unlisted. */
        boolean covers(String path) {
            if (!partial) {
                return true;
            }
            return listed.contains(parent(path));
        }
    }
}
