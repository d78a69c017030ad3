package org.example.virtsimilarity.jenkins;

import java.io.PrintStream;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.explain.Printable;
import org.example.virtsimilarity.image.DiskImage;

/**
 * Progress where the workspace is, into the build's console: one line an image read and an explanation started, as
 * each may take a while (an explanation starts a libguestfs appliance first).
 */
record ConsoleProgress(PrintStream log) implements ProgressListener {
    @Override
    public void cached(DiskImage image) {
        log.println("[virt-similarity] " + image.path() + ": signature from the cache");
    }

    @Override
    public void reading(DiskImage image, String method) {
        log.println("[virt-similarity] reading " + image.path() + " (" + image.format().qemuName() + ")");
    }

    @Override
    public void explaining(String image, String baseline) {
        log.println("[virt-similarity] explaining " + Printable.of(image) + " against " + Printable.of(baseline)
                + " (libguestfs)");
    }

    @Override
    public void warning(String message) {
        log.println("[virt-similarity] WARNING: " + message);
    }
}
