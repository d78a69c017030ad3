package org.example.virtsimilarity.jenkins;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.FileChange;
import org.example.virtsimilarity.explain.Printable;
import org.example.virtsimilarity.report.ExplanationText;

/**
 * One explanation as the build page shows it, kept in the build's record as plain text fields (the server's XStream
 * stores them, and a later core's records cannot break an old build's): the headline, the top files and the notes.
 * Every name from a guest went through {@link Printable}; the pages escape it as text.
 */
public class ExplainedImage {
    /** Files the console and the build page list, largest first; the archived reports have the rest. */
    static final int TOP_FILES = 10;

    private final String headline;
    private final List<ChangedFile> files;
    private final int moreFiles;
    private final List<String> notes;

    /** One file of the top: how it changed, its path in the guest, its sizes, and what else changed. */
    public static class ChangedFile {
        private final String change;
        private final String path;
        private final String sizes;
        private final String detail;

        ChangedFile(FileChange file) {
            this.change = file.change().name().toLowerCase(Locale.ROOT);
            this.path = Printable.of(file.path());
            this.sizes = ExplanationText.sizes(file);
            this.detail = Printable.of(file.detail());
        }

        public String getChange() {
            return change;
        }

        public String getPath() {
            return path;
        }

        /** The size in the image, or in the baseline for a removed file, or both where they differ. */
        public String getSizes() {
            return sizes;
        }

        /** Mode, owner or link target changes, or "". */
        public String getDetail() {
            return detail;
        }
    }

    ExplainedImage(Explanation explanation) {
        this.headline = ExplanationText.lines(explanation, TOP_FILES, false).get(0);
        this.files = new ArrayList<>();
        explanation.files().stream().limit(TOP_FILES).forEach(file -> files.add(new ChangedFile(file)));
        this.moreFiles = explanation.fileCount() - files.size();
        this.notes = new ArrayList<>();
        // a skipped explanation's one note is its headline already
        if (explanation.status() != Explanation.Status.SKIPPED) {
            explanation.notes().forEach(note -> notes.add(Printable.of(note)));
        }
    }

    /** The image, its baseline, how many files differ and by how much, or why the explanation was skipped. */
    public String getHeadline() {
        return headline;
    }

    public List<ChangedFile> getFiles() {
        return files;
    }

    /** Files that differ besides the listed ones. */
    public int getMoreFiles() {
        return moreFiles;
    }

    /** Why the explanation is partial, and what it left out. */
    public List<String> getNotes() {
        return notes;
    }
}
