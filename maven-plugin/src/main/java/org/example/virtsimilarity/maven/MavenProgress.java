package org.example.virtsimilarity.maven;

import org.apache.maven.plugin.logging.Log;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.explain.Printable;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.report.ByteSizes;

/** Core's progress in the build log: one line an image, warnings as warnings, detail at debug level. */
final class MavenProgress implements ProgressListener {
    private final Log log;

    MavenProgress(Log log) {
        this.log = log;
    }

    @Override
    public void cached(DiskImage image) {
        log.info("Signature of " + image.path() + " from the cache");
    }

    @Override
    public void reading(DiskImage image, String method) {
        String format = image.format().qemuName();
        log.info("Reading " + image.path() + " (" + format + (method.equals(format) ? "" : ", through " + method)
                + ")");
    }

    @Override
    public void read(DiskImage image, long bytes, long nanos) {
        log.debug("Read " + ByteSizes.format(bytes) + " of " + image.path() + " in " + nanos / 1_000_000 + " ms");
    }

    @Override
    public void explaining(String image, String baseline) {
        log.info("Explaining " + Printable.of(image) + " against " + Printable.of(baseline) + " (libguestfs)");
    }

    @Override
    public void warning(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
